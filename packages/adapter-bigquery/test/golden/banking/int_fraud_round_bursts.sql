with round_debits as (
  select transaction_id, customer_id, transaction_at, amount_reporting, currency
  from `strata-golden`.`banking_staging`.`stg_transactions`
  where direction = 'debit'
    and amount_original >= 100
    and floor(amount_original / 100) * 100 = amount_original
    and amount_reporting >= 100
),

bursts as (
  -- Every window that ends at a round debit and holds enough of them.
  select window_end.customer_id, window_end.transaction_at as ends_at, count(*) as debits_in_window
  from round_debits as window_end
  join round_debits as earlier
    on earlier.customer_id = window_end.customer_id
    and earlier.transaction_at <= window_end.transaction_at
    and earlier.transaction_at >= TIMESTAMP(DATETIME_ADD(CAST(window_end.transaction_at AS DATETIME), INTERVAL (-60) MINUTE))
  group by window_end.customer_id, window_end.transaction_at
  having count(*) >= 3
),

members as (
  select member.transaction_id, max(bursts.debits_in_window) as burst_size
  from round_debits as member
  join bursts
    on bursts.customer_id = member.customer_id
    and member.transaction_at <= bursts.ends_at
    and member.transaction_at >= TIMESTAMP(DATETIME_ADD(CAST(bursts.ends_at AS DATETIME), INTERVAL (-60) MINUTE))
  group by member.transaction_id
)

select
  round_debits.transaction_id,
  round_debits.customer_id,
  round_debits.transaction_at,
  round_debits.amount_reporting,
  'round_amount_burst' as signal_type,
  'amount' as signal_category,
  least(1.0, members.burst_size / (2.0 * 3)) as score,
  cast(members.burst_size as STRING) || ' round-amount debits (multiples of 100 ' || round_debits.currency
    || ') within 60 minutes' as reason
from round_debits
join members on members.transaction_id = round_debits.transaction_id
