{#-
  BigQuery versions of this project's macros (a macro named bigquery__<name> replaces <name>
  when the target's adapter is bigquery). Same inputs, same results as the versions in
  parsing.sql and pii.sql, which DuckDB and Postgres use.
-#}

{#-
  parse_timestamp_utc on BigQuery: the same formats, read by SAFE.PARSE_TIMESTAMP (through
  try_strptime). Its `%z` reads +hhmm but not the export's +hh:mm; `%Ez` reads both, and Z, so
  no rewrite of Z is needed. A TIMESTAMP is a UTC instant already: nothing stands in for
  DuckDB's timezone('UTC', …).
-#}
{% macro bigquery__parse_timestamp_utc(expression) -%}
coalesce(
  {{ try_strptime("trim(" ~ expression ~ ")", ['%Y-%m-%dT%H:%M:%S%Ez', '%Y-%m-%dT%H:%M:%S.%g%Ez', '%Y-%m-%d %H:%M:%S%Ez']) }},
  {{ try_strptime("trim(" ~ expression ~ ")", ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S']) }}
)
{%- endmacro %}

{#-
  format_number on BigQuery: NUMERIC holds 29 digits before the point, so DuckDB's
  decimal(38, n) cast does not exist here, and CAST(NUMERIC AS STRING) drops trailing zeros.
  FORMAT's %.nf prints exactly n decimals ('1234.50', '87') of the value rounded half away from
  zero (ROUND), made exact by NUMERIC first, as the decimal cast does elsewhere.
-#}
{% macro bigquery__format_number(expression, decimals=2) -%}
FORMAT('%.{{ decimals }}f', CAST(ROUND({{ expression }}, {{ decimals }}) AS {{ type_numeric() }}))
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
