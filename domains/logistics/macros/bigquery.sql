{#
  BigQuery versions of this project's macros (a macro named bigquery__<name> replaces <name>
  when the target's adapter is bigquery).
#}

{#-
  percentile(expression, fraction) on BigQuery, where PERCENTILE_CONT is only an analytic
  function: the group's values are gathered with ARRAY_AGG and PERCENTILE_CONT runs over them,
  which gives the same linear interpolation as the ordered-set aggregate (null for an empty group).
-#}
{% macro bigquery__percentile(expression, fraction) -%}
(SELECT PERCENTILE_CONT(v, {{ fraction }}) OVER () FROM UNNEST(ARRAY_AGG({{ expression }} IGNORE NULLS)) AS v LIMIT 1)
{%- endmacro %}
