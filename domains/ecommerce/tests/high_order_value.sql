{#
  The fraud rule: a completed order above var('high_order_value') must belong to a customer we
  can reach by email (the review team confirms large orders before they ship). Returns the
  completed high-value orders of customers without an email — there should be none; the shop
  cancels such orders.
#}
select
  order_id,
  customer_id,
  amount,
  status,
  ordered_at
from {{ ref('int_customer_orders') }}
where status = 'completed'
  and amount > {{ var('high_order_value') }}
  and email is null
