with source as (
  select * from `strata-golden`.`banking_bank`.`customers`
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(customer_id)) order by opened_on) as copy_number
  from source
)

select
  upper(trim(c.customer_id)) as customer_id,
  cast(extract(year from cast('2024-03-31' as DATE)) - extract(year from cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(c.date_of_birth))) as DATE))
  - case when extract(month from cast('2024-03-31' as DATE)) * 100 + extract(day from cast('2024-03-31' as DATE))
              < extract(month from cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(c.date_of_birth))) as DATE)) * 100 + extract(day from cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(c.date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(c.date_of_birth))) as DATE)) then 1 else 0 end as INT64) as age,
  case
    when replace(replace(replace(lower(trim(c.account_type)), '.', ''), '-', '_'), ' ', '_') in ('checking', 'chk') then 'checking'
    when replace(replace(replace(lower(trim(c.account_type)), '.', ''), '-', '_'), ' ', '_') in ('savings', 'sav') then 'savings'
    when replace(replace(replace(lower(trim(c.account_type)), '.', ''), '-', '_'), ' ', '_') in ('business', 'bus', 'biz') then 'business'
  end as account_type,
  upper(trim(c.account_currency)) as account_currency,
  upper(REGEXP_REPLACE(c.home_branch, '[^A-Za-z0-9]', '')) as home_branch_id,
  residence.iso2 as residence_country,
  nationality.iso2 as nationality,
  case
    when replace(replace(replace(lower(trim(c.kyc_status)), '.', ''), '-', '_'), ' ', '_') in ('verified', 'v') then 'verified'
    when replace(replace(replace(lower(trim(c.kyc_status)), '.', ''), '-', '_'), ' ', '_') in ('pending', 'in_review') then 'pending'
    when replace(replace(replace(lower(trim(c.kyc_status)), '.', ''), '-', '_'), ' ', '_') in ('rejected', 'failed') then 'rejected'
    else 'unknown'
  end as kyc_status,
  cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(c.id_document_expiry)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d', trim(c.id_document_expiry)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(c.id_document_expiry)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(c.id_document_expiry))) as DATE) as document_expiry_date,
  coalesce(upper(trim(c.is_pep)) in ('Y', 'YES', 'TRUE', 'T', '1'), false) as is_pep,
  cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(c.opened_on)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d', trim(c.opened_on)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(c.opened_on)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(c.opened_on))) as DATE) as opened_date
from deduplicated as c
left join `strata-golden`.`banking_reference`.`country_codes` as residence
  on upper(trim(c.residence_country)) in (residence.iso2, residence.iso3, upper(residence.name))
left join `strata-golden`.`banking_reference`.`country_codes` as nationality
  on upper(trim(c.nationality)) in (nationality.iso2, nationality.iso3, upper(nationality.name))
where c.copy_number = 1
