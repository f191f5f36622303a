{#-
  BigQuery versions of this project's macros (a macro named bigquery__<name> replaces <name>
  when the target's adapter is bigquery). Same inputs, same results as the versions in
  parsing.sql and pii.sql, which DuckDB and Postgres use.
-#}

{#-
  date_and_time on BigQuery, which has no DATE + TIME: DATETIME(date, time) is the local
  date-time, and TIMESTAMP() reads it as UTC — what a zone-less timestamp means in this project.
  Null when either part is null, as date + time is.
-#}
{% macro bigquery__date_and_time(date_expression, time_expression) -%}
TIMESTAMP(DATETIME({{ parse_date(date_expression) }}, {{ parse_time_of_day(time_expression) }}))
{%- endmacro %}

{#-
  pii_exposures on BigQuery: INFORMATION_SCHEMA is per dataset (`project`.`dataset`
  .INFORMATION_SCHEMA.COLUMNS), so the columns of each schema the relations live in are read
  from that schema's own view and put together.
-#}
{% macro bigquery__pii_exposures(relations, pii_columns) -%}
  {%- set schemas = [] -%}
  {%- set datasets = [] -%}
  {%- for relation in relations -%}
    {%- if relation.schema not in schemas -%}
      {%- set _ = schemas.push(relation.schema) -%}
      {#- The relation's own qualified name less its table: `project`.`dataset`. -#}
      {%- set name = relation | string -%}
      {%- set _ = datasets.push(name.slice(0, name.lastIndexOf('.'))) -%}
    {%- endif -%}
  {%- endfor -%}
select
  table_name as model,
  column_name as pii_column,
  'model ' || table_name || ' exposes PII column ' || column_name || ' (tagged pii in a source schema)' as violation
from (
  {%- for dataset in datasets %}
  select table_name, column_name from {{ dataset }}.INFORMATION_SCHEMA.COLUMNS
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
)
where lower(column_name) in ({% for c in pii_columns %}'{{ c | lower }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
