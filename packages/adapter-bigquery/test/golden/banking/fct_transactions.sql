with daily as (
  select
    customer_id,
    transaction_date,
    count(*) as transactions,
    sum(case when direction = 'debit' then 1 else 0 end) as debit_count,
    sum(case when direction = 'debit' then amount_reporting else 0 end) as debit_total,
    sum(case when direction = 'credit' then 1 else 0 end) as credit_count,
    sum(case when direction = 'credit' then amount_reporting else 0 end) as credit_total
  from `strata-golden`.`banking_staging`.`stg_transactions`
  group by customer_id, transaction_date
)

select
  customer_id,
  transaction_date,
  'USD' as reporting_currency,
  transactions,
  debit_count,
  round(debit_total, 2) as debit_total,
  credit_count,
  round(credit_total, 2) as credit_total,
  round(credit_total - debit_total, 2) as net_amount,
  round(sum(credit_total - debit_total) over (partition by customer_id order by transaction_date rows between unbounded preceding and current row), 2) as closing_balance
from daily
