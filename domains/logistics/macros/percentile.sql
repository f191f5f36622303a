{#-
  percentile(expression, fraction): the continuous percentile of a group (linear
  interpolation between the two nearest rows, like Excel's PERCENTILE.INC). The SQL-standard
  ordered-set aggregate runs on DuckDB and Postgres; BigQuery would need its own version
  (PERCENTILE_CONT is only an analytic function there).
-#}
{% macro percentile(expression, fraction) -%}
percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}
