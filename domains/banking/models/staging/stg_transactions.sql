{#-
  One row per transaction. Types in any spelling map to debit or credit and a subtype through
  seeds/transaction_types.csv; amounts lose their symbols, separators and signs (the direction
  says which way money went); the currency comes from the currency column or the amount itself;
  amounts are converted to var('reporting_currency') at the month's rate (seeds/fx_rates.csv);
  timestamps become UTC. The free-text description is dropped.
-#}
with source as (
  select * from {{ source('bank', 'transactions') }}
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(txn_id)) order by posted_at) as copy_number
  from source
),

parsed as {{ materialized_cte() }}(
  select
    upper(trim(t.txn_id)) as transaction_id,
    upper(trim(t.customer_id)) as customer_id,
    {{ parse_timestamp_utc('t.posted_at') }} as transaction_at,
    types.direction,
    types.subtype,
    case
      when {{ normalize_code('t.channel') }} in ('card', 'pos') then 'card'
      when {{ normalize_code('t.channel') }} = 'atm' then 'atm'
      when {{ normalize_code('t.channel') }} in ('online', 'web', 'ecom') then 'online'
      when {{ normalize_code('t.channel') }} = 'branch' then 'branch'
      else 'other'
    end as channel,
    {{ parse_amount('t.amount') }} as amount_original,
    {{ currency_of('t.amount', 't.currency') }} as currency,
    nullif(trim(t.merchant), '') as merchant,
    {{ parse_coordinate("nullif(trim(t.latitude), '')") }} as latitude,
    {{ parse_coordinate("nullif(trim(t.longitude), '')") }} as longitude
  from deduplicated as t
  left join {{ ref('transaction_types') }} as types on types.code = {{ normalize_code('t.txn_type') }}
  where t.copy_number = 1
),

converted as (
  select
    parsed.*,
    cast(parsed.transaction_at as {{ type_date() }}) as transaction_date,
    original.usd_per_unit / reporting.usd_per_unit as fx_rate
  from parsed
  left join {{ ref('fx_rates') }} as original
    on original.currency = parsed.currency
    and original.rate_month = cast({{ date_trunc('month', 'parsed.transaction_at') }} as {{ type_date() }})
  left join {{ ref('fx_rates') }} as reporting
    on reporting.currency = '{{ var('reporting_currency') }}'
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
