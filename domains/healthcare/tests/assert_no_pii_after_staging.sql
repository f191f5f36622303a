{#-
  The PII rule, checked on what was actually built: no relation in the staging, intermediate or marts schemas
  may have a column named like a source column tagged `.meta({ pii: true })` (the list is
  var('pii_columns'), derived from models/staging/schema.ts in strata.config.ts). Each failing
  row names the model and the column. List every model here: the refs make this test run after
  all of them, and test/pii-rule.test.ts fails when one is missing.
-#}
{{ pii_exposures([
  ref('stg_patients'),
  ref('stg_appointments'),
  ref('stg_dose_events'),
  ref('int_patient_activity'),
  ref('dim_patients'),
  ref('fct_appointments'),
  ref('med_adherence')
], var('pii_columns')) }}
