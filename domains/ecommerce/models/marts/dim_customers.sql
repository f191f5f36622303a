{# One row per customer, with or without orders: who they are and what they have bought. #}
with customer_orders as (
  select
    customer_id,
    min(ordered_at) as first_order_at,
    max(ordered_at) as last_order_at,
    count(*) as order_count,
    sum(case when status = 'completed' then amount else 0 end) as lifetime_value
  from {{ ref('int_customer_orders') }}
  group by customer_id
)

select
  c.customer_id,
  c.first_name,
  c.last_name,
  c.email,
  c.country_code,
  countries.name as country_name,
  o.first_order_at,
  o.last_order_at,
  coalesce(o.order_count, 0) as order_count,
  cast(coalesce(o.lifetime_value, 0) as decimal(18, 2)) as lifetime_value
from {{ ref('stg_customers') }} as c
left join customer_orders as o
  on o.customer_id = c.customer_id
left join {{ ref('country_codes') }} as countries
  on countries.code = c.country_code
order by c.customer_id
