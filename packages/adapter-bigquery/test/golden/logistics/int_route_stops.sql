-- The stops of each route that can be traced: visited (delivered or failed), with a valid
-- timing and a usable drop-off point. Each is numbered in three orders over the same set:
--  * actual: by drop-off time — the order the driver drove;
--  * planned: by the planner's stop sequence;
--  * sweep: by bearing from the depot (counter-clockwise from east), the classic sweep
--    heuristic for vehicle routing; ties by distance from the depot, then id.
-- *_leg_km is the estimated road distance from the previous stop in that order (the depot for
-- the first): great-circle distance × var('road_factor').
with traced as (
  select
    l.delivery_id,
    l.route_id,
    l.planned_stop_sequence,
    l.dropped_off_at,
    l.dropoff_lat as lat,
    l.dropoff_lon as lon,
    r.depot_lat,
    r.depot_lon
  from `strata-golden`.`logistics_intermediate`.`int_delivery_locations` as l
  inner join `strata-golden`.`logistics_staging`.`stg_routes` as r on r.route_id = l.route_id
  where l.status in ('delivered', 'failed') and l.has_valid_timing and l.dropoff_lat is not null
),

placed as (
  select
    *,
    (2 * 6371.0 * asin(sqrt(
  power(sin((lat - depot_lat) * 0.017453292519943295 / 2), 2)
  + cos(depot_lat * 0.017453292519943295) * cos(lat * 0.017453292519943295)
    * power(sin((lon - depot_lon) * 0.017453292519943295 / 2), 2)
))) * 1.3 as depot_km,
    atan2(lat - depot_lat, (lon - depot_lon) * cos(depot_lat * 0.017453292519943295)) as bearing
  from traced
),

sequenced as (
  select
    *,
    row_number() over (partition by route_id order by dropped_off_at, delivery_id) as actual_sequence,
    row_number() over (partition by route_id order by planned_stop_sequence, delivery_id) as planned_sequence,
    row_number() over (partition by route_id order by bearing, depot_km, delivery_id) as sweep_sequence,
    count(*) over (partition by route_id) as traced_stops
  from placed
),
previous as (
  select
    *,
    coalesce(lag(lat) over (partition by route_id order by actual_sequence), depot_lat) as actual_from_lat,
    coalesce(lag(lon) over (partition by route_id order by actual_sequence), depot_lon) as actual_from_lon,
    coalesce(lag(lat) over (partition by route_id order by planned_sequence), depot_lat) as planned_from_lat,
    coalesce(lag(lon) over (partition by route_id order by planned_sequence), depot_lon) as planned_from_lon,
    coalesce(lag(lat) over (partition by route_id order by sweep_sequence), depot_lat) as sweep_from_lat,
    coalesce(lag(lon) over (partition by route_id order by sweep_sequence), depot_lon) as sweep_from_lon
  from sequenced
)

select
  delivery_id,
  route_id,
  cast(traced_stops as INT64) as traced_stops,
  cast(actual_sequence as INT64) as actual_sequence,
  cast(planned_sequence as INT64) as planned_sequence,
  cast(sweep_sequence as INT64) as sweep_sequence,
  lat,
  lon,
  depot_km,
  (2 * 6371.0 * asin(sqrt(
  power(sin((lat - actual_from_lat) * 0.017453292519943295 / 2), 2)
  + cos(actual_from_lat * 0.017453292519943295) * cos(lat * 0.017453292519943295)
    * power(sin((lon - actual_from_lon) * 0.017453292519943295 / 2), 2)
))) * 1.3 as actual_leg_km,
  (2 * 6371.0 * asin(sqrt(
  power(sin((lat - planned_from_lat) * 0.017453292519943295 / 2), 2)
  + cos(planned_from_lat * 0.017453292519943295) * cos(lat * 0.017453292519943295)
    * power(sin((lon - planned_from_lon) * 0.017453292519943295 / 2), 2)
))) * 1.3 as planned_leg_km,
  (2 * 6371.0 * asin(sqrt(
  power(sin((lat - sweep_from_lat) * 0.017453292519943295 / 2), 2)
  + cos(sweep_from_lat * 0.017453292519943295) * cos(lat * 0.017453292519943295)
    * power(sin((lon - sweep_from_lon) * 0.017453292519943295 / 2), 2)
))) * 1.3 as sweep_leg_km
from previous
