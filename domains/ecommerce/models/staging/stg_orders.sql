{#
  One row per order. The export repeats some orders (the same order, its values written
  differently); duplicates are removed after cleaning, so whichever copy is kept is identical.
#}
with source as (
  select * from {{ source('raw', 'orders') }}
),

cleaned as (
  select
    try_cast(trim(OrderID) as bigint) as order_id,
    try_cast(trim(CustomerID) as bigint) as customer_id,
    try_cast(trim(ProductID) as bigint) as product_id,
    try_cast(trim(Quantity) as integer) as quantity,
    {{ parse_money('UnitPrice') }} as unit_price,
    lower(trim(Status)) as status,
    {{ to_utc_timestamp('CreatedAt') }} as ordered_at
  from source
),

deduplicated as (
  select
    *,
    row_number() over (partition by order_id order by ordered_at, status, unit_price) as occurrence
  from cleaned
)

select
  order_id,
  customer_id,
  product_id,
  quantity,
  unit_price,
  cast(quantity * unit_price as decimal(18, 2)) as amount,
  status,
  ordered_at
from deduplicated
where occurrence = 1
