{% macro require_positive(column) %}
  {% if column == 'amount' %}
    {{ exceptions.raise_compiler_error('amounts must be checked by the loader, not in SQL') }}
  {% endif %}
  {{ column }}
{% endmacro %}
