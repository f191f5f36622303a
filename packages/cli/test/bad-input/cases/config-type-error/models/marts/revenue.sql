select sum(amount) as revenue
from {{ ref('stg_orders') }}
where status = 'completed'
