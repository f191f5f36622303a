{#-
  One row per customer with the identity data removed: name, date of birth, e-mail, phone,
  address and national id are read here and go no further. Keeps the age on var('as_of_date'),
  the account, the home branch, the countries as ISO codes and the KYC facts.
-#}
{%- set as_of = "cast('" ~ var('as_of_date') ~ "' as " ~ type_date() ~ ")" -%}
with source as (
  select * from {{ source('bank', 'customers') }}
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(customer_id)) order by opened_on) as copy_number
  from source
)

select
  upper(trim(c.customer_id)) as customer_id,
  {{ age_in_years(parse_date('c.date_of_birth'), as_of) }} as age,
  case
    when {{ normalize_code('c.account_type') }} in ('checking', 'chk') then 'checking'
    when {{ normalize_code('c.account_type') }} in ('savings', 'sav') then 'savings'
    when {{ normalize_code('c.account_type') }} in ('business', 'bus', 'biz') then 'business'
  end as account_type,
  upper(trim(c.account_currency)) as account_currency,
  upper({{ regexp_replace('c.home_branch', "'[^A-Za-z0-9]'", "''") }}) as home_branch_id,
  residence.iso2 as residence_country,
  nationality.iso2 as nationality,
  case
    when {{ normalize_code('c.kyc_status') }} in ('verified', 'v') then 'verified'
    when {{ normalize_code('c.kyc_status') }} in ('pending', 'in_review') then 'pending'
    when {{ normalize_code('c.kyc_status') }} in ('rejected', 'failed') then 'rejected'
    else 'unknown'
  end as kyc_status,
  {{ parse_date('c.id_document_expiry') }} as document_expiry_date,
  {{ parse_flag('c.is_pep') }} as is_pep,
  {{ parse_date('c.opened_on') }} as opened_date
from deduplicated as c
left join {{ ref('country_codes') }} as residence
  on upper(trim(c.residence_country)) in (residence.iso2, residence.iso3, upper(residence.name))
left join {{ ref('country_codes') }} as nationality
  on upper(trim(c.nationality)) in (nationality.iso2, nationality.iso3, upper(nationality.name))
where c.copy_number = 1
