with debits as (
  select
    transaction_id,
    customer_id,
    transaction_at,
    amount_reporting,
    count(*) over history as earlier_debits,
    avg(amount_reporting) over history as earlier_mean,
    stddev_samp(amount_reporting) over history as earlier_stddev
  from `strata-golden`.`banking_staging`.`stg_transactions`
  where direction = 'debit'
  window history as (partition by customer_id order by transaction_at, transaction_id rows between unbounded preceding and 1 preceding)
),

scored as (
  select
    *,
    (amount_reporting - earlier_mean) / earlier_stddev as z_score
  from debits
  where earlier_debits >= 20
    and earlier_stddev > 0
    and amount_reporting >= 500
)

select
  transaction_id,
  customer_id,
  transaction_at,
  amount_reporting,
  'unusual_amount' as signal_type,
  'amount' as signal_category,
  least(1.0, z_score / (2.0 * 4)) as score,
  'debit of ' || FORMAT('%.2f', CAST(ROUND(amount_reporting, 2) AS NUMERIC)) || ' USD is '
    || FORMAT('%.1f', CAST(ROUND(z_score, 1) AS NUMERIC)) || ' standard deviations above the customer\'s mean of '
    || FORMAT('%.2f', CAST(ROUND(earlier_mean, 2) AS NUMERIC)) || ' USD over ' || cast(earlier_debits as STRING) || ' earlier debits' as reason
from scored
where z_score > 4
