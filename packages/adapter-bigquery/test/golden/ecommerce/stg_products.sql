with source as (
  select * from `strata-golden`.`ecommerce_raw`.`products`
)

select
  SAFE_CAST(trim(id) AS INT64) as product_id,
  nullif(trim(name), '') as product_name,
  lower(trim(category)) as category,
  SAFE_CAST(REPLACE(REPLACE(TRIM(price), '$', ''), ',', '') AS NUMERIC(12, 2)) as list_price
from source
