{#
  One row per customer: fields renamed, blank names and emails made null, emails lower-cased,
  country codes upper-cased (with the common 'UK' corrected to ISO 'GB'), sign-up time in UTC.
#}
with source as (
  select * from {{ source('raw', 'customers') }}
)

select
  {{ safe_cast('trim(id)', type_bigint()) }} as customer_id,
  {{ blank_to_null('first_name') }} as first_name,
  {{ blank_to_null('last_name') }} as last_name,
  lower({{ blank_to_null('email') }}) as email,
  case upper({{ blank_to_null('country') }})
    when 'UK' then 'GB'
    else upper({{ blank_to_null('country') }})
  end as country_code,
  {{ to_utc_timestamp('created_at') }} as signed_up_at
from source
