with __strata_cte__int_customer_orders as (
select `o`.`order_id`, `o`.`customer_id`, `o`.`product_id`, `o`.`quantity`, `o`.`unit_price`, `o`.`amount`, `o`.`status`, `o`.`ordered_at`, `c`.`first_name`, `c`.`last_name`, `c`.`email`, `c`.`country_code` from `strata-golden`.`ecommerce_staging`.`stg_orders` as `o` inner join `strata-golden`.`ecommerce_staging`.`stg_customers` as `c` on `c`.`customer_id` = `o`.`customer_id`
),
customer_orders as (
  select
    customer_id,
    min(ordered_at) as first_order_at,
    max(ordered_at) as last_order_at,
    count(*) as order_count,
    sum(case when status = 'completed' then amount else 0 end) as lifetime_value
  from __strata_cte__int_customer_orders
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
from `strata-golden`.`ecommerce_staging`.`stg_customers` as c
left join customer_orders as o
  on o.customer_id = c.customer_id
left join `strata-golden`.`ecommerce_raw`.`country_codes` as countries
  on countries.code = c.country_code
order by c.customer_id
