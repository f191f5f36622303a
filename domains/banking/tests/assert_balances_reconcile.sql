{#- The last closing balance of fct_transactions is dim_customers' current balance, for every customer (to the cent). -#}
with last_day as (
  select customer_id, closing_balance,
    row_number() over (partition by customer_id order by transaction_date desc) as day_rank
  from {{ ref('fct_transactions') }}
)

select c.customer_id, c.current_balance, last_day.closing_balance
from {{ ref('dim_customers') }} as c
left join last_day on last_day.customer_id = c.customer_id and last_day.day_rank = 1
where abs(c.current_balance - coalesce(last_day.closing_balance, 0)) > 0.005
