-- One row per order, with its drop-off point cleaned:
--  * valid: the point lies in the service area (the bounding box of the zones seed);
--  * swapped: it does not, but (lon, lat) does — the app wrote the pair the wrong way round,
--    so the two are swapped back;
--  * out_of_area: a real coordinate outside every zone; kept, but it maps to no zone;
--  * rejected: missing, unparsable, off the globe, or 0,0 ("null island", a GPS fix that never
--    arrived); the point is set to null.
with parsed as (
  select
    trim(order_id) as order_id,
    trim(customer_id) as customer_id,
    (case
  when trim(placed_at) is null or trim(placed_at) = '' then null
  when trim(placed_at) not like '%-%' and trim(placed_at) not like '%/%' and trim(placed_at) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(placed_at) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(placed_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), length(replace(replace(trim(placed_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), length(replace(replace(trim(placed_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(placed_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), length(replace(replace(trim(placed_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), length(replace(replace(trim(placed_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(placed_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as placed_at,
    SAFE_CAST(trim(order_value) AS FLOAT64) as order_value,
    SAFE_CAST(trim(dropoff_lat) AS FLOAT64) as raw_lat,
    SAFE_CAST(trim(dropoff_lon) AS FLOAT64) as raw_lon
  from `strata-golden`.`logistics_dispatch`.`orders`
),

service_area as (
  select min(min_lat) as min_lat, max(max_lat) as max_lat, min(min_lon) as min_lon, max(max_lon) as max_lon
  from `strata-golden`.`logistics_reference`.`zones`
),

classified as (
  select
    p.*,
    case
      when p.raw_lat is null or p.raw_lon is null then 'rejected'
      when p.raw_lat = 0 and p.raw_lon = 0 then 'rejected'
      when (p.raw_lat >= a.min_lat and p.raw_lat < a.max_lat and p.raw_lon >= a.min_lon and p.raw_lon < a.max_lon) then 'valid'
      when (p.raw_lon >= a.min_lat and p.raw_lon < a.max_lat and p.raw_lat >= a.min_lon and p.raw_lat < a.max_lon) then 'swapped'
      when p.raw_lat between -90 and 90 and p.raw_lon between -180 and 180 then 'out_of_area'
      else 'rejected'
    end as coordinate_quality
  from parsed as p
  cross join service_area as a
)

select
  order_id,
  customer_id,
  placed_at,
  order_value,
  case coordinate_quality when 'swapped' then raw_lon when 'rejected' then null else raw_lat end as dropoff_lat,
  case coordinate_quality when 'swapped' then raw_lat when 'rejected' then null else raw_lon end as dropoff_lon,
  coordinate_quality
from classified
