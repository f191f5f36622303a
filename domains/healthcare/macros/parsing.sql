{#-
  Parsing of the EHR export's text dates and times, through the cross-database `try_strptime`
  macro: the first strptime format that reads the text wins, as DuckDB's try_strptime does, and
  each adapter compiles it to its own parser (DuckDB: try_strptime with a list; Postgres: one
  anchored regular expression per format). Every parser returns null for text it cannot read, so
  a new format shows up as a failing not_null test, not a crash. BigQuery's versions of these
  macros, where its SQL differs, are in macros/bigquery.sql.
-#}

{#- A calendar date: 2024-03-05, 03/05/2024 (US order), 20240305 or 5-Mar-2024. -#}
{% macro parse_date(expression) -%}
cast({{ try_strptime("trim(" ~ expression ~ ")", ['%Y-%m-%d', '%m/%d/%Y', '%Y%m%d', '%d-%b-%Y']) }} as {{ type_date() }})
{%- endmacro %}

{#- A time of day: 09:30, 9:30 AM, 0930 or 09:30:00. -#}
{% macro parse_time_of_day(expression) -%}
cast({{ try_strptime("upper(trim(" ~ expression ~ "))", ['%H:%M', '%I:%M %p', '%H%M', '%H:%M:%S']) }} as time)
{%- endmacro %}

{#- One local timestamp from a date column and a time column (date + time: DuckDB and Postgres). -#}
{% macro date_and_time(date_expression, time_expression) -%}
({{ parse_date(date_expression) }} + {{ parse_time_of_day(time_expression) }})
{%- endmacro %}

{#- A local date-time without zone: 2024-03-01 08:00[:00], 03/01/2024 8:00 PM, 2024-03-01T08:00:00. N/A, null and blank are null. -#}
{% macro parse_local_timestamp(expression) -%}
{{ try_strptime("trim(" ~ expression ~ ")", ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%m/%d/%Y %H:%M', '%m/%d/%Y %I:%M %p', '%Y-%m-%dT%H:%M:%S']) }}
{%- endmacro %}

{#-
  Whole years between a birth date and a reference date (portable: no year-boundary counting).
  A bigint on every engine: extract() is a bigint on DuckDB but a numeric on Postgres.
-#}
{% macro age_in_years(birth_date, on_date) -%}
cast(extract(year from {{ on_date }}) - extract(year from {{ birth_date }})
  - case when extract(month from {{ on_date }}) * 100 + extract(day from {{ on_date }})
              < extract(month from {{ birth_date }}) * 100 + extract(day from {{ birth_date }}) then 1 else 0 end as {{ type_bigint() }})
{%- endmacro %}

{#- Lower-case, trimmed, with spaces and dashes as underscores and dots removed: 'No-Show ' → 'no_show'. -#}
{% macro normalize_code(expression) -%}
replace(replace(replace(lower(trim({{ expression }})), '.', ''), '-', '_'), ' ', '_')
{%- endmacro %}
