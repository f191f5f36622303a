{#-
  Pseudonymisation and the PII rule.

  patient_salt() — the secret mixed into every patient key. Resolution order:
    1. --vars '{"patient_salt": "..."}'
    2. the STRATA_PATIENT_SALT environment variable
    3. only on targets listed in var('synthetic_data_targets') (default ['dev'], where the
       warehouse holds the generated seeds and nothing real): a development salt.
  Any other target without a salt stops compilation. A salt published with the code would let
  anyone recompute keys from MRNs, so a production target must bring its own (16+ characters).
  The salt appears only in staging's compiled SQL (target/compiled, the staging tables are built
  as tables so no view definition in the warehouse stores it); no mart ever sees it.
-#}
{% macro patient_salt() -%}
  {%- set salt = var('patient_salt', '') or env_var('STRATA_PATIENT_SALT', '') -%}
  {%- if not salt and target.name in var('synthetic_data_targets', []) -%}
    {%- set salt = 'strata-synthetic-data-only:' ~ project_name -%}
  {%- endif -%}
  {%- if not salt -%}
    {{ exceptions.raise_compiler_error("no patient salt for target '" ~ target.name ~ "': export STRATA_PATIENT_SALT (16+ random characters) or pass --vars '{\"patient_salt\": \"...\"}'; only targets in var('synthetic_data_targets') may fall back to the development salt") }}
  {%- endif -%}
  {%- if salt | length < 16 -%}
    {{ exceptions.raise_compiler_error("the patient salt is " ~ (salt | length) ~ " characters long; use at least 16 random characters") }}
  {%- endif -%}
  {{- salt -}}
{%- endmacro %}

{#- The MRN as a number: 'MRN-000123', 'mrn 123' and '123' are the same patient. -#}
{% macro normalize_mrn(expression) -%}
{{ safe_cast("nullif(" ~ regexp_replace(expression, "'[^0-9]'", "''") ~ ", '')", type_bigint()) }}
{%- endmacro %}

{#- The pseudonymous key of a patient: md5(salt || '|' || normalised MRN), 32 hex characters. -#}
{% macro patient_key(mrn_expression) -%}
{{ hash(concat([string_literal(patient_salt()), "'|'", "cast(" ~ normalize_mrn(mrn_expression) ~ " as " ~ type_string() ~ ")"])) }}
{%- endmacro %}

{#-
  Rows naming every built relation of the given relations' schemas that has a column named like
  a PII column. `relations` are ref()s (they decide which schemas are looked at and make the
  calling test run after them); `pii_columns` are names, lower case. Standard information_schema:
  DuckDB and Postgres as is; BigQuery reads each dataset's INFORMATION_SCHEMA.COLUMNS
  (bigquery__pii_exposures in macros/bigquery.sql).
-#}
{% macro pii_exposures(relations, pii_columns) -%}
  {%- set schemas = [] -%}
  {%- for relation in relations -%}
    {#- A ref() is a relation object (dbt's: read its schema); older cores printed it as text. -#}
    {%- set schema = relation.schema if relation.schema is defined else (relation.split('.')[0] | replace('"', '') | replace('`', '')) -%}
    {%- if schema not in schemas -%}{%- set _ = schemas.push(schema) -%}{%- endif -%}
  {%- endfor -%}
select
  table_name as model,
  column_name as pii_column,
  'model ' || table_name || ' exposes PII column ' || column_name || ' (tagged pii in a source schema)' as violation
from information_schema.columns
where table_schema in ({% for s in schemas %}'{{ s }}'{% if not loop.last %}, {% endif %}{% endfor %})
  and lower(column_name) in ({% for c in pii_columns %}'{{ c | lower }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
