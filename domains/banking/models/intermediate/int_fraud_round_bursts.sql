{#-
  Bursts of round-amount debits: var('fraud_burst_count') or more debits, each a whole multiple
  of var('fraud_round_unit') in its own currency and worth at least one unit in the reporting
  currency (so ¥7,000 is not "round"), within var('fraud_burst_minutes') minutes. Every debit of
  a burst is flagged. Score: burst size / (2 × minimum count), capped at 1.
-#}
{%- set unit = var('fraud_round_unit') -%}
{%- set minutes = var('fraud_burst_minutes') -%}
with round_debits as (
  select transaction_id, customer_id, transaction_at, amount_reporting, currency
  from {{ ref('stg_transactions') }}
  where direction = 'debit'
    and amount_original >= {{ unit }}
    and floor(amount_original / {{ unit }}) * {{ unit }} = amount_original
    and amount_reporting >= {{ unit }}
),

bursts as (
  -- Every window that ends at a round debit and holds enough of them.
  select window_end.customer_id, window_end.transaction_at as ends_at, count(*) as debits_in_window
  from round_debits as window_end
  join round_debits as earlier
    on earlier.customer_id = window_end.customer_id
    and earlier.transaction_at <= window_end.transaction_at
    and earlier.transaction_at >= {{ dateadd('minute', -minutes, 'window_end.transaction_at') }}
  group by window_end.customer_id, window_end.transaction_at
  having count(*) >= {{ var('fraud_burst_count') }}
),

members as (
  select member.transaction_id, max(bursts.debits_in_window) as burst_size
  from round_debits as member
  join bursts
    on bursts.customer_id = member.customer_id
    and member.transaction_at <= bursts.ends_at
    and member.transaction_at >= {{ dateadd('minute', -minutes, 'bursts.ends_at') }}
  group by member.transaction_id
)

select
  round_debits.transaction_id,
  round_debits.customer_id,
  round_debits.transaction_at,
  round_debits.amount_reporting,
  'round_amount_burst' as signal_type,
  'amount' as signal_category,
  least(1.0, members.burst_size / (2.0 * {{ var('fraud_burst_count') }})) as score,
  cast(members.burst_size as {{ type_string() }}) || ' round-amount debits (multiples of {{ unit }} ' || round_debits.currency
    || ') within {{ minutes }} minutes' as reason
from round_debits
join members on members.transaction_id = round_debits.transaction_id
