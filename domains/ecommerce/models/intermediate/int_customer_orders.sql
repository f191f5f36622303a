{#
  Every order with the customer who placed it (ephemeral: inlined as a CTE where it is used).
  An inner join: the relationships test on stg_orders.customer_id guarantees no order is lost.
#}
select
  o.order_id,
  o.customer_id,
  o.product_id,
  o.quantity,
  o.unit_price,
  o.amount,
  o.status,
  o.ordered_at,
  c.first_name,
  c.last_name,
  c.email,
  c.country_code
from {{ ref('stg_orders') }} as o
inner join {{ ref('stg_customers') }} as c
  on c.customer_id = o.customer_id
