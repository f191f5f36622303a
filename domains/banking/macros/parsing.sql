{#-
  Parsing of the core-banking export's text, in SQL that means the same on DuckDB and Postgres:
  dates and timestamps go through the cross-database `try_strptime` macro (the first format that
  reads the text wins; each adapter compiles it to its own parser), regular-expression
  replacement through the cross-database `regexp_replace` (every match, on every engine), and
  the rest is functions both engines share with one signature — timezone('UTC', …), extract.
  They are macros so each can be dispatched per adapter: BigQuery's versions are in
  macros/bigquery.sql. Every parser returns null for text it cannot read, so a new format shows
  up as a failing not_null test, not a crash.
-#}

{#- A UTC instant from ISO with Z or an offset (converted to UTC), naive UTC, or 2024/03/01 10:15:00. -#}
{% macro parse_timestamp_utc(expression) -%}
coalesce(
  timezone('UTC', {{ try_strptime(regexp_replace("trim(" ~ expression ~ ")", "'Z$'", "'+00:00'"), ['%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%g%z', '%Y-%m-%d %H:%M:%S%z']) }}),
  {{ try_strptime("trim(" ~ expression ~ ")", ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S']) }}
)
{%- endmacro %}

{#- A calendar date: 2024-03-05, 2024/03/05, 5-Mar-2024 or 20240305. -#}
{% macro parse_date(expression) -%}
cast({{ try_strptime("trim(" ~ expression ~ ")", ['%Y-%m-%d', '%Y/%m/%d', '%d-%b-%Y', '%Y%m%d']) }} as {{ type_date() }})
{%- endmacro %}

{#- The absolute value of an amount written with symbols, codes, separators, signs or parentheses. -#}
{% macro parse_amount(expression) -%}
{{ safe_cast("nullif(" ~ regexp_replace(expression, "'[^0-9.]'", "''") ~ ", '')", type_float()) }}
{%- endmacro %}

{#- The currency of an amount: the currency column, else the amount's symbol, else its ISO code. -#}
{% macro currency_of(amount_expression, currency_expression) -%}
coalesce(
  nullif(upper(trim({{ currency_expression }})), ''),
  case
    when {{ amount_expression }} like '%$%' then 'USD'
    when {{ amount_expression }} like '%€%' then 'EUR'
    when {{ amount_expression }} like '%£%' then 'GBP'
    when {{ amount_expression }} like '%¥%' then 'JPY'
  end,
  nullif({{ regexp_replace("upper(" ~ amount_expression ~ ")", "'[^A-Z]'", "''") }}, '')
)
{%- endmacro %}

{#- Decimal degrees, signed or with a hemisphere letter: '51.5072 N', '0.1276 W', '-74.0060'. -#}
{% macro parse_coordinate(expression) -%}
(case
  when upper(trim({{ expression }})) like '%S' or upper(trim({{ expression }})) like '%W' or trim({{ expression }}) like '-%' then -1
  else 1
end * {{ parse_amount(expression) }})
{%- endmacro %}

{#- A yes/no flag: Y, yes, TRUE, 1 are true; anything else (N, no, FALSE, 0, blank) is false. -#}
{% macro parse_flag(expression) -%}
coalesce(upper(trim({{ expression }})) in ('Y', 'YES', 'TRUE', 'T', '1'), false)
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

{#- Lower-case, trimmed, with spaces and dashes as underscores and dots removed: 'TRANSFER-OUT ' → 'transfer_out'. -#}
{% macro normalize_code(expression) -%}
replace(replace(replace(lower(trim({{ expression }})), '.', ''), '-', '_'), ' ', '_')
{%- endmacro %}

{#-
  A number as text with fixed decimals, for signal reasons: '1234.50', '87'. Rounded half away
  from zero in floating point first (round(x, n) means the same on DuckDB and, through the
  adapter's helper, Postgres), so the decimal cast only has to drop float noise and both engines
  print the same digits; DuckDB's printf and Postgres's to_char would not. BigQuery's NUMERIC is
  narrower: bigquery__format_number (macros/bigquery.sql) prints the same digits with FORMAT.
-#}
{% macro format_number(expression, decimals=2) -%}
cast(cast(round({{ expression }}, {{ decimals }}) as decimal(38, {{ decimals }})) as {{ type_string() }})
{%- endmacro %}
