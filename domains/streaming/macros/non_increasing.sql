{#-
  Generic test: within each `partition_by` group, ordered by `order_by`, the column never goes
  up. Used for cohort retention, which can only fall as months since signup grow.
  Returns the rows that are higher than their predecessor.
-#}
{% test non_increasing(model, column_name, partition_by, order_by) %}
with ordered as (
  select
    {{ partition_by }} as partition_key,
    {{ order_by }} as order_key,
    {{ column_name }} as current_value,
    lag({{ column_name }}) over (partition by {{ partition_by }} order by {{ order_by }}) as previous_value
  from {{ model }}
)
select * from ordered where current_value > previous_value
{% endtest %}
