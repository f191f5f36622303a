{#-
  Debits far above the customer's own history: more than var('fraud_amount_stddevs') standard
  deviations above the mean of all the customer's earlier debits (at least
  var('fraud_amount_min_history') of them), and at least var('fraud_amount_floor') in the
  reporting currency. Only earlier debits count, so a signal never depends on the future.
  Score: z / (2 × threshold), capped at 1 — 0.5 just over the threshold. The reason's apostrophe
  goes through string_literal(): DuckDB and Postgres escape it as '', BigQuery as \'.
-#}
{%- set threshold = var('fraud_amount_stddevs') -%}
with debits as (
  select
    transaction_id,
    customer_id,
    transaction_at,
    amount_reporting,
    count(*) over history as earlier_debits,
    avg(amount_reporting) over history as earlier_mean,
    stddev_samp(amount_reporting) over history as earlier_stddev
  from {{ ref('stg_transactions') }}
  where direction = 'debit'
  window history as (partition by customer_id order by transaction_at, transaction_id rows between unbounded preceding and 1 preceding)
),

scored as (
  select
    *,
    (amount_reporting - earlier_mean) / earlier_stddev as z_score
  from debits
  where earlier_debits >= {{ var('fraud_amount_min_history') }}
    and earlier_stddev > 0
    and amount_reporting >= {{ var('fraud_amount_floor') }}
)

select
  transaction_id,
  customer_id,
  transaction_at,
  amount_reporting,
  'unusual_amount' as signal_type,
  'amount' as signal_category,
  least(1.0, z_score / (2.0 * {{ threshold }})) as score,
  'debit of ' || {{ format_number('amount_reporting') }} || ' {{ var('reporting_currency') }} is '
    || {{ format_number('z_score', 1) }} || {{ string_literal(" standard deviations above the customer's mean of ") }}
    || {{ format_number('earlier_mean') }} || ' {{ var('reporting_currency') }} over ' || cast(earlier_debits as {{ type_string() }}) || ' earlier debits' as reason
from scored
where z_score > {{ threshold }}
