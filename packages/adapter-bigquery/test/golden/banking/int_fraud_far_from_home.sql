with located as (
  select
    t.transaction_id,
    t.customer_id,
    t.transaction_at,
    t.amount_reporting,
    b.branch_id,
    b.city,
    (2 * 6371.0 * asin(sqrt(
    power(sin(((t.latitude) - (b.latitude)) * 0.017453292519943295 / 2), 2)
  + cos((b.latitude) * 0.017453292519943295) * cos((t.latitude) * 0.017453292519943295)
  * power(sin(((t.longitude) - (b.longitude)) * 0.017453292519943295 / 2), 2)
))) as distance_km
  from `strata-golden`.`banking_staging`.`stg_transactions` as t
  join `strata-golden`.`banking_staging`.`stg_customers` as c on c.customer_id = t.customer_id
  join `strata-golden`.`banking_staging`.`stg_branches` as b on b.branch_id = c.home_branch_id
  where t.latitude is not null and t.longitude is not null
)

select
  transaction_id,
  customer_id,
  transaction_at,
  amount_reporting,
  'far_from_home' as signal_type,
  'location' as signal_category,
  least(1.0, distance_km / (2.0 * 500)) as score,
  'card used ' || FORMAT('%.0f', CAST(ROUND(distance_km, 0) AS NUMERIC)) || ' km from home branch ' || branch_id || ' (' || city
    || '); limit 500 km' as reason
from located
where distance_km > 500
