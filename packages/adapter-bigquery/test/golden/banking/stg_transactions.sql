with source as (
  select * from `strata-golden`.`banking_bank`.`transactions`
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(txn_id)) order by posted_at) as copy_number
  from source
),

parsed as (
  select
    upper(trim(t.txn_id)) as transaction_id,
    upper(trim(t.customer_id)) as customer_id,
    coalesce(
  COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S%Ez', trim(t.posted_at)), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%E*S%Ez', trim(t.posted_at)), SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S%Ez', trim(t.posted_at))),
  COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', trim(t.posted_at)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d %H:%M:%S', trim(t.posted_at)), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S', trim(t.posted_at)))
) as transaction_at,
    types.direction,
    types.subtype,
    case
      when replace(replace(replace(lower(trim(t.channel)), '.', ''), '-', '_'), ' ', '_') in ('card', 'pos') then 'card'
      when replace(replace(replace(lower(trim(t.channel)), '.', ''), '-', '_'), ' ', '_') = 'atm' then 'atm'
      when replace(replace(replace(lower(trim(t.channel)), '.', ''), '-', '_'), ' ', '_') in ('online', 'web', 'ecom') then 'online'
      when replace(replace(replace(lower(trim(t.channel)), '.', ''), '-', '_'), ' ', '_') = 'branch' then 'branch'
      else 'other'
    end as channel,
    SAFE_CAST(nullif(REGEXP_REPLACE(t.amount, '[^0-9.]', ''), '') AS FLOAT64) as amount_original,
    coalesce(
  nullif(upper(trim(t.currency)), ''),
  case
    when t.amount like '%$%' then 'USD'
    when t.amount like '%€%' then 'EUR'
    when t.amount like '%£%' then 'GBP'
    when t.amount like '%¥%' then 'JPY'
  end,
  nullif(REGEXP_REPLACE(upper(t.amount), '[^A-Z]', ''), '')
) as currency,
    nullif(trim(t.merchant), '') as merchant,
    (case
  when upper(trim(nullif(trim(t.latitude), ''))) like '%S' or upper(trim(nullif(trim(t.latitude), ''))) like '%W' or trim(nullif(trim(t.latitude), '')) like '-%' then -1
  else 1
end * SAFE_CAST(nullif(REGEXP_REPLACE(nullif(trim(t.latitude), ''), '[^0-9.]', ''), '') AS FLOAT64)) as latitude,
    (case
  when upper(trim(nullif(trim(t.longitude), ''))) like '%S' or upper(trim(nullif(trim(t.longitude), ''))) like '%W' or trim(nullif(trim(t.longitude), '')) like '-%' then -1
  else 1
end * SAFE_CAST(nullif(REGEXP_REPLACE(nullif(trim(t.longitude), ''), '[^0-9.]', ''), '') AS FLOAT64)) as longitude
  from deduplicated as t
  left join `strata-golden`.`banking_reference`.`transaction_types` as types on types.code = replace(replace(replace(lower(trim(t.txn_type)), '.', ''), '-', '_'), ' ', '_')
  where t.copy_number = 1
),

converted as (
  select
    parsed.*,
    cast(parsed.transaction_at as DATE) as transaction_date,
    original.usd_per_unit / reporting.usd_per_unit as fx_rate
  from parsed
  left join `strata-golden`.`banking_reference`.`fx_rates` as original
    on original.currency = parsed.currency
    and original.rate_month = cast(TIMESTAMP_TRUNC(CAST(parsed.transaction_at AS TIMESTAMP), MONTH) as DATE)
  left join `strata-golden`.`banking_reference`.`fx_rates` as reporting
    on reporting.currency = 'USD'
    and reporting.rate_month = original.rate_month
)

select
  transaction_id,
  customer_id,
  transaction_at,
  transaction_date,
  direction,
  subtype,
  channel,
  amount_original,
  currency,
  fx_rate,
  round(amount_original * fx_rate, 2) as amount_reporting,
  merchant,
  latitude,
  longitude
from converted
