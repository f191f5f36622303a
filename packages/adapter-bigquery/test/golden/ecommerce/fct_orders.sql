with orders as (
  select
    cast(ordered_at as date) as order_date,
    order_id,
    customer_id,
    status,
    amount
  from `strata-golden`.`ecommerce_staging`.`stg_orders`
)

select
  order_date,
  count(*) as orders,
  count(case when status = 'completed' then 1 end) as completed_orders,
  count(case when status = 'cancelled' then 1 end) as cancelled_orders,
  cast(coalesce(sum(case when status = 'completed' then amount end), 0) as decimal(18, 2)) as revenue,
  -- In whole cents, rounded half up, then back to currency units.
  round(
    100 * sum(case when status = 'completed' then amount end)
      / nullif(count(case when status = 'completed' then 1 end), 0)
  ) / 100 as average_order_value,
  count(distinct customer_id) as distinct_customers
from orders
group by order_date
order by order_date
