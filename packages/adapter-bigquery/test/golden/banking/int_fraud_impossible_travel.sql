with located as (
  select
    transaction_id,
    customer_id,
    transaction_at,
    amount_reporting,
    latitude,
    longitude,
    lag(transaction_at) over by_time as previous_at,
    lag(latitude) over by_time as previous_latitude,
    lag(longitude) over by_time as previous_longitude
  from `strata-golden`.`banking_staging`.`stg_transactions`
  where latitude is not null and longitude is not null
  window by_time as (partition by customer_id order by transaction_at, transaction_id)
),

hops as (
  select
    *,
    (2 * 6371.0 * asin(sqrt(
    power(sin(((latitude) - (previous_latitude)) * 0.017453292519943295 / 2), 2)
  + cos((previous_latitude) * 0.017453292519943295) * cos((latitude) * 0.017453292519943295)
  * power(sin(((longitude) - (previous_longitude)) * 0.017453292519943295 / 2), 2)
))) as distance_km,
    DATETIME_DIFF(CAST(transaction_at AS DATETIME), CAST(previous_at AS DATETIME), SECOND) as seconds
  from located
  where previous_at is not null
),

speeds as (
  select
    *,
    case when seconds > 0 then distance_km / (seconds / 3600.0) end as speed_kmh
  from hops
  where distance_km >= 100
)

select
  transaction_id,
  customer_id,
  transaction_at,
  amount_reporting,
  'impossible_travel' as signal_type,
  'location' as signal_category,
  case when speed_kmh is null then 1.0 else least(1.0, speed_kmh / (2.0 * 900)) end as score,
  FORMAT('%.0f', CAST(ROUND(distance_km, 0) AS NUMERIC)) || ' km from the previous card transaction in '
    || FORMAT('%.0f', CAST(ROUND(seconds / 60.0, 0) AS NUMERIC)) || ' minutes ('
    || case when speed_kmh is null then 'no time at all' else FORMAT('%.0f', CAST(ROUND(speed_kmh, 0) AS NUMERIC)) || ' km/h' end
    || '); limit 900 km/h' as reason
from speeds
where speed_kmh is null or speed_kmh > 900
