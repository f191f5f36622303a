select sum(amount) as revenue
from {{ ref('stg_orders') }}
{% if var('only_completed', true) %}
where status = 'completed'
