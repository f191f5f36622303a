select c.customer_id, count(o.order_id) as order_count, coalesce(sum(o.amount), 0) as lifetime_value
from {{ source('raw', 'customers') }} c left join {{ ref('stg_orders') }} o on o.customer_id = c.customer_id
group by 1
