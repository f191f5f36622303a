{# One row per product: trimmed name, lower-case category, list price as a number. #}
with source as (
  select * from {{ source('raw', 'products') }}
)

select
  {{ safe_cast('trim(id)', type_bigint()) }} as product_id,
  {{ blank_to_null('name') }} as product_name,
  lower(trim(category)) as category,
  {{ parse_money('price') }} as list_price
from source
