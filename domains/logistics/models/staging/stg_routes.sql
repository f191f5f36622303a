-- One row per route: a driver's planned tour of one day from a depot. planned_start is the
-- planned departure and planned_end the planned last drop-off, so planned_minutes is the time
-- the plan gives the deliveries; planned_distance_km is the planner's road-distance estimate
-- of the whole closed tour (depot → stops → depot).
select
  trim(route_id) as route_id,
  trim(driver_id) as driver_id,
  cast(trim(route_date) as {{ type_date() }}) as route_date,
  trim(depot_id) as depot_id,
  cast(depot_lat as {{ type_float() }}) as depot_lat,
  cast(depot_lon as {{ type_float() }}) as depot_lon,
  {{ parse_timestamp_utc('planned_start') }} as planned_start,
  {{ parse_timestamp_utc('planned_end') }} as planned_end,
  {{ datediff(parse_timestamp_utc('planned_start'), parse_timestamp_utc('planned_end'), 'second') }} / 60.0 as planned_minutes,
  {{ safe_cast('trim(planned_distance_km)', type_float()) }} as planned_distance_km,
  cast(planned_stops as {{ type_int() }}) as planned_stops
from {{ source('dispatch', 'routes') }}
