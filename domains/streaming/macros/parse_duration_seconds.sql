{#-
  parse_duration_seconds(expression): a session duration as the clients report it → whole
  seconds (bigint). Old clients send seconds ('1834', sometimes '1834.0'), newer ones
  'HH:MM:SS' ('00:30:34' or '0:30:34'); either may carry a leading '-' when the device clock
  went backwards. The sign is kept so staging can reject it; unparseable text gives null.
  Standard SQL plus the cross-database split_part and safe_cast macros.
-#}
{% macro parse_duration_seconds(expression) -%}
{%- set text = "trim(" ~ expression ~ ")" -%}
{%- set magnitude = "ltrim(" ~ text ~ ", '-')" -%}
((case when {{ text }} like '-%' then -1 else 1 end) * (case
  when {{ magnitude }} like '%:%:%' then
    {{ safe_cast(split_part(magnitude, "':'", 1), type_bigint()) }} * 3600
    + {{ safe_cast(split_part(magnitude, "':'", 2), type_bigint()) }} * 60
    + {{ safe_cast(split_part(magnitude, "':'", 3), type_bigint()) }}
  else cast(round({{ safe_cast(magnitude, type_float()) }}) as {{ type_bigint() }})
end))
{%- endmacro %}
