-- One row per route: a driver's planned tour of one day from a depot. planned_start is the
-- planned departure and planned_end the planned last drop-off, so planned_minutes is the time
-- the plan gives the deliveries; planned_distance_km is the planner's road-distance estimate
-- of the whole closed tour (depot → stops → depot).
select
  trim(route_id) as route_id,
  trim(driver_id) as driver_id,
  cast(trim(route_date) as DATE) as route_date,
  trim(depot_id) as depot_id,
  cast(depot_lat as FLOAT64) as depot_lat,
  cast(depot_lon as FLOAT64) as depot_lon,
  (case
  when trim(planned_start) is null or trim(planned_start) = '' then null
  when trim(planned_start) not like '%-%' and trim(planned_start) not like '%/%' and trim(planned_start) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(planned_start) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as planned_start,
  (case
  when trim(planned_end) is null or trim(planned_end) = '' then null
  when trim(planned_end) not like '%-%' and trim(planned_end) not like '%/%' and trim(planned_end) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(planned_end) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as planned_end,
  DATETIME_DIFF(CAST((case
  when trim(planned_end) is null or trim(planned_end) = '' then null
  when trim(planned_end) not like '%-%' and trim(planned_end) not like '%/%' and trim(planned_end) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(planned_end) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_end), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(planned_end), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) AS DATETIME), CAST((case
  when trim(planned_start) is null or trim(planned_start) = '' then null
  when trim(planned_start) not like '%-%' and trim(planned_start) not like '%/%' and trim(planned_start) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(planned_start) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), length(replace(replace(trim(planned_start), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(planned_start), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) AS DATETIME), SECOND) / 60.0 as planned_minutes,
  SAFE_CAST(trim(planned_distance_km) AS FLOAT64) as planned_distance_km,
  cast(planned_stops as INT64) as planned_stops
from `strata-golden`.`logistics_dispatch`.`routes`
