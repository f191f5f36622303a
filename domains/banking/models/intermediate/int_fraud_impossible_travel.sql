{#-
  Two consecutive card-present transactions of a customer too far apart for the time between
  them: at least var('fraud_min_travel_km') apart (GPS noise is not travel) and faster than
  var('fraud_max_speed_kmh'). The later transaction is flagged. Score: speed / (2 × limit),
  capped at 1; the same second in two places scores 1.
-#}
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
  from {{ ref('stg_transactions') }}
  where latitude is not null and longitude is not null
  window by_time as (partition by customer_id order by transaction_at, transaction_id)
),

hops as (
  select
    *,
    {{ haversine_km('previous_latitude', 'previous_longitude', 'latitude', 'longitude') }} as distance_km,
    {{ datediff('previous_at', 'transaction_at', 'second') }} as seconds
  from located
  where previous_at is not null
),

speeds as (
  select
    *,
    case when seconds > 0 then distance_km / (seconds / 3600.0) end as speed_kmh
  from hops
  where distance_km >= {{ var('fraud_min_travel_km') }}
)

select
  transaction_id,
  customer_id,
  transaction_at,
  amount_reporting,
  'impossible_travel' as signal_type,
  'location' as signal_category,
  case when speed_kmh is null then 1.0 else least(1.0, speed_kmh / (2.0 * {{ var('fraud_max_speed_kmh') }})) end as score,
  {{ format_number('distance_km', 0) }} || ' km from the previous card transaction in '
    || {{ format_number('seconds / 60.0', 0) }} || ' minutes ('
    || case when speed_kmh is null then 'no time at all' else {{ format_number('speed_kmh', 0) }} || ' km/h' end
    || '); limit {{ var('fraud_max_speed_kmh') }} km/h' as reason
from speeds
where speed_kmh is null or speed_kmh > {{ var('fraud_max_speed_kmh') }}
