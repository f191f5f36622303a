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
