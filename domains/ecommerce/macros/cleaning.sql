{#
  Cleaning helpers shared by the staging models. Each takes a column name (or any SQL
  expression) of a raw VARCHAR column and returns a SQL expression.
#}

{# '  ' and '' become null; anything else is trimmed. #}
{% macro blank_to_null(column) -%}
  nullif(trim({{ column }}), '')
{%- endmacro %}

{#
  Money as exports write it — '$1,200.00', '1200', '12.5', ' $12.50 ' — as DECIMAL(12, 2).
  Unparseable text becomes null, which the staging schema's not-null check then reports with
  the offending rows instead of failing the whole build.
#}
{% macro parse_money(column) -%}
  {{ safe_cast("replace(replace(trim(" ~ column ~ "), '$', ''), ',', '')", 'decimal(12, 2)') }}
{%- endmacro %}

{#
  A timestamp in any of the export's formats, as a UTC TIMESTAMP:
    2024-03-01T10:15:00.000Z     ISO, UTC
    2024-03-01T12:15:00+02:00    ISO with an offset (also -05:00, +05:30 …)
    2024-03-01 10:15:00          naive: the export writes UTC
    2024/03/01 10:15:00          naive with slashes: UTC as well
  A plain cast to TIMESTAMP would drop an offset and keep the local wall time, so values with
  an offset go through TIMESTAMPTZ and are converted to UTC explicitly — independent of the
  session's TimeZone setting. Written with the cross-database macros (`regexp_matches`,
  `safe_cast`), so it compiles to the same values on DuckDB and Postgres; `timezone('UTC', x)`
  and the `timestamptz` type name exist on both.
#}
{% macro to_utc_timestamp(column) -%}
  {%- set text = 'trim(' ~ column ~ ')' -%}
  case
    when {{ regexp_matches(text, "'[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$'") }}
      then timezone('UTC', {{ safe_cast(text, 'timestamptz') }})
    else {{ safe_cast("replace(" ~ text ~ ", '/', '-')", type_timestamp()) }}
  end
{%- endmacro %}
