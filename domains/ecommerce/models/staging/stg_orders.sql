{#
  One row per order. The export repeats some orders (the same order, its values written
  differently); duplicates are removed after cleaning, so whichever copy is kept is identical.
#}
with source as (
  select * from {{ source('raw', 'orders') }}
),

cleaned as (
  select
    {{ safe_cast('trim(OrderID)', type_bigint()) }} as order_id,
    {{ safe_cast('trim(CustomerID)', type_bigint()) }} as customer_id,
    {{ safe_cast('trim(ProductID)', type_bigint()) }} as product_id,
    {{ safe_cast('trim(Quantity)', type_int()) }} as quantity,
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
