{#
  The two marts must tell the same money story: total daily revenue equals total customer
  lifetime value (both count completed orders only). Returns one row when they disagree.
#}
with daily as (
  select coalesce(sum(revenue), 0) as total from {{ ref('fct_orders') }}
),

customers as (
  select coalesce(sum(lifetime_value), 0) as total from {{ ref('dim_customers') }}
)

select
  daily.total as fct_orders_revenue,
  customers.total as dim_customers_lifetime_value
from daily
cross join customers
where daily.total <> customers.total
