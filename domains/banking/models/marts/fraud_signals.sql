{#-
  Every fraud signal, one row per transaction and rule that flagged it, with the reason in words
  and a score between 0 and 1. Amount rules: unusual_amount, round_amount_burst. Location
  rules: far_from_home, impossible_travel. The rules live in models/intermediate/int_fraud_*.sql.
-#}
with signals as (
  select * from {{ ref('int_fraud_unusual_amounts') }}
  union all
  select * from {{ ref('int_fraud_round_bursts') }}
  union all
  select * from {{ ref('int_fraud_far_from_home') }}
  union all
  select * from {{ ref('int_fraud_impossible_travel') }}
)

select
  {{ surrogate_key(['transaction_id', 'signal_type']) }} as signal_id,
  transaction_id,
  customer_id,
  transaction_at,
  cast(transaction_at as {{ type_date() }}) as transaction_date,
  signal_type,
  signal_category,
  amount_reporting,
  round(score, 3) as score,
  reason
from signals
