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
    {{ parse_timestamp_utc('placed_at') }} as placed_at,
    {{ safe_cast('trim(order_value)', type_float()) }} as order_value,
    {{ safe_cast('trim(dropoff_lat)', type_float()) }} as raw_lat,
    {{ safe_cast('trim(dropoff_lon)', type_float()) }} as raw_lon
  from {{ source('dispatch', 'orders') }}
),

service_area as (
  select min(min_lat) as min_lat, max(max_lat) as max_lat, min(min_lon) as min_lon, max(max_lon) as max_lon
  from {{ ref('zones') }}
),

classified as (
  select
    p.*,
    case
      when p.raw_lat is null or p.raw_lon is null then 'rejected'
      when p.raw_lat = 0 and p.raw_lon = 0 then 'rejected'
      when {{ in_zone('p.raw_lat', 'p.raw_lon', 'a') }} then 'valid'
      when {{ in_zone('p.raw_lon', 'p.raw_lat', 'a') }} then 'swapped'
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
