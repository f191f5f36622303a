{#
  BigQuery versions of the cleaning macros (a macro named bigquery__<name> replaces <name> when
  the target's adapter is bigquery). Same inputs, same results as the DuckDB versions.
#}

{# Money text as NUMERIC with two decimals; unparseable text becomes null. #}
{% macro bigquery__parse_money(column) -%}
  SAFE_CAST(REPLACE(REPLACE(TRIM({{ column }}), '$', ''), ',', '') AS NUMERIC(12, 2))
{%- endmacro %}

{#
  BigQuery's STRING → TIMESTAMP cast reads every format of the export: 'T' or ' ' between date
  and time, 'Z' or an offset such as +02:00 (converted to UTC), and no zone at all (UTC).
  Slashes in the date are the one thing it refuses, so they become dashes first.
#}
{% macro bigquery__to_utc_timestamp(column) -%}
  SAFE_CAST(REPLACE(TRIM({{ column }}), '/', '-') AS TIMESTAMP)
{%- endmacro %}
