with source as (
  select * from `strata-golden`.`ecommerce_raw`.`orders`
),

cleaned as (
  select
    SAFE_CAST(trim(OrderID) AS INT64) as order_id,
    SAFE_CAST(trim(CustomerID) AS INT64) as customer_id,
    SAFE_CAST(trim(ProductID) AS INT64) as product_id,
    SAFE_CAST(trim(Quantity) AS INT64) as quantity,
    SAFE_CAST(REPLACE(REPLACE(TRIM(UnitPrice), '$', ''), ',', '') AS NUMERIC(12, 2)) as unit_price,
    lower(trim(Status)) as status,
    SAFE_CAST(REPLACE(TRIM(CreatedAt), '/', '-') AS TIMESTAMP) as ordered_at
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
