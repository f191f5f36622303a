{#-
  Debit and credit totals and counts per customer and UTC day, in var('reporting_currency'),
  with the running balance at the end of each day (the sum of every converted credit minus
  every converted debit so far; flows are not revalued when rates move).
-#}
with daily as (
  select
    customer_id,
    transaction_date,
    count(*) as transactions,
    sum(case when direction = 'debit' then 1 else 0 end) as debit_count,
    sum(case when direction = 'debit' then amount_reporting else 0 end) as debit_total,
    sum(case when direction = 'credit' then 1 else 0 end) as credit_count,
    sum(case when direction = 'credit' then amount_reporting else 0 end) as credit_total
  from {{ ref('stg_transactions') }}
  group by customer_id, transaction_date
)

select
  customer_id,
  transaction_date,
  '{{ var('reporting_currency') }}' as reporting_currency,
  transactions,
  debit_count,
  round(debit_total, 2) as debit_total,
  credit_count,
  round(credit_total, 2) as credit_total,
  round(credit_total - debit_total, 2) as net_amount,
  round(sum(credit_total - debit_total) over (partition by customer_id order by transaction_date rows between unbounded preceding and current row), 2) as closing_balance
from daily
