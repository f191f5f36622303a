with source as (
  select * from `strata-golden`.`ecommerce_raw`.`customers`
)

select
  SAFE_CAST(trim(id) AS INT64) as customer_id,
  nullif(trim(first_name), '') as first_name,
  nullif(trim(last_name), '') as last_name,
  lower(nullif(trim(email), '')) as email,
  case upper(nullif(trim(country), ''))
    when 'UK' then 'GB'
    else upper(nullif(trim(country), ''))
  end as country_code,
  SAFE_CAST(REPLACE(TRIM(created_at), '/', '-') AS TIMESTAMP) as signed_up_at
from source
