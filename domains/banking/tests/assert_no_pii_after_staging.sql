{#-
  The PII rule, checked on what was actually built: no relation in the staging, intermediate or marts schemas
  may have a column named like a source column tagged `.meta({ pii: true })` (the list is
  var('pii_columns'), derived from models/staging/schema.ts in strata.config.ts). Each failing
  row names the model and the column. List every model here: the refs make this test run after
  all of them, and test/pii-rule.test.ts fails when one is missing.
-#}
{{ pii_exposures([
  ref('stg_branches'),
  ref('stg_customers'),
  ref('stg_transactions'),
  ref('int_fraud_unusual_amounts'),
  ref('int_fraud_round_bursts'),
  ref('int_fraud_far_from_home'),
  ref('int_fraud_impossible_travel'),
  ref('dim_customers'),
  ref('fct_transactions'),
  ref('fraud_signals')
], var('pii_columns')) }}
