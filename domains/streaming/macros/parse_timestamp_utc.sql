{#-
  parse_timestamp_utc(expression): raw timestamp text → UTC timestamp, second precision.

  Accepts what the exports contain: epoch milliseconds ('1709288100000'), and ISO-8601 with a
  'T' or a space, '-' or '/' date separators, optional fractional seconds (dropped), and an
  optional 'Z', '+hh:mm' or '-hh:mm' offset; text without an offset is UTC. Anything else
  gives null, which staging treats as a rejected row.

  Written in standard SQL (trim, replace, substr, like, case) plus the cross-database macros,
  so it runs unchanged on DuckDB and Postgres. It does not use the session time zone, so the
  result is the same on every machine. A warehouse with a faster native parser can override
  it with an adapter-specific macro of the same name.
-#}
{% macro parse_timestamp_utc(expression) -%}
{%- set text = "trim(" ~ expression ~ ")" -%}
{%- set iso = "replace(replace(" ~ text ~ ", 'T', ' '), '/', '-')" -%}
{%- set suffix = "substr(" ~ iso ~ ", 20)" -%}
{%- set tail = "substr(" ~ iso ~ ", length(" ~ iso ~ ") - 4, 5)" -%}
{%- set offset_minutes = "(" ~ safe_cast("substr(" ~ tail ~ ", 1, 2)", type_int()) ~ " * 60 + " ~ safe_cast("substr(" ~ tail ~ ", 4, 2)", type_int()) ~ ")" -%}
(case
  when {{ text }} is null or {{ text }} = '' then null
  when {{ text }} not like '%-%' and {{ text }} not like '%/%' and {{ text }} not like '%:%' then
    {{ dateadd('second', "cast(floor(" ~ safe_cast(text, type_float()) ~ " / 1000) as " ~ type_bigint() ~ ")", "cast('1970-01-01 00:00:00' as " ~ type_timestamp() ~ ")") }}
  when length({{ iso }}) > 19 and {{ suffix }} like '%+__:__' then
    {{ dateadd('minute', "-1 * " ~ offset_minutes, safe_cast("substr(" ~ iso ~ ", 1, 19)", type_timestamp())) }}
  when length({{ iso }}) > 19 and {{ suffix }} like '%-__:__' then
    {{ dateadd('minute', offset_minutes, safe_cast("substr(" ~ iso ~ ", 1, 19)", type_timestamp())) }}
  else {{ safe_cast("substr(" ~ iso ~ ", 1, 19)", type_timestamp()) }}
end)
{%- endmacro %}
