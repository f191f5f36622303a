{#
  Custom generic tests. Use one from a schema with `.meta({ tests: ['is_positive'] })`; the test
  selects the failing rows and passes when there are none. Nulls are left to not-null checks.
#}

{% test is_positive(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} <= 0
{% endtest %}
