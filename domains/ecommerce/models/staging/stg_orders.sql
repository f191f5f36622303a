with ranked as (
  select *, row_number() over (partition by order_id order by ordered_at) as rn
  from {{ source('raw', 'orders') }}
)
select
  cast(order_id as integer) as order_id,
  cast(customer_id as integer) as customer_id,
  lower(trim(status)) as status,
  cast(replace(replace(unit_price, '$', ''), ',', '') as double) * cast(quantity as integer) as amount
from ranked where rn = 1
