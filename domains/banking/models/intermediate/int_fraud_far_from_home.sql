{#-
  Card-present transactions more than var('fraud_home_radius_km') from the customer's home
  branch. Score: distance / (2 × radius), capped at 1.
-#}
with located as (
  select
    t.transaction_id,
    t.customer_id,
    t.transaction_at,
    t.amount_reporting,
    b.branch_id,
    b.city,
    {{ haversine_km('b.latitude', 'b.longitude', 't.latitude', 't.longitude') }} as distance_km
  from {{ ref('stg_transactions') }} as t
  join {{ ref('stg_customers') }} as c on c.customer_id = t.customer_id
  join {{ ref('stg_branches') }} as b on b.branch_id = c.home_branch_id
  where t.latitude is not null and t.longitude is not null
)

select
  transaction_id,
  customer_id,
  transaction_at,
  amount_reporting,
  'far_from_home' as signal_type,
  'location' as signal_category,
  least(1.0, distance_km / (2.0 * {{ var('fraud_home_radius_km') }})) as score,
  'card used ' || {{ format_number('distance_km', 0) }} || ' km from home branch ' || branch_id || ' (' || city
    || '); limit {{ var('fraud_home_radius_km') }} km' as reason
from located
where distance_km > {{ var('fraud_home_radius_km') }}
