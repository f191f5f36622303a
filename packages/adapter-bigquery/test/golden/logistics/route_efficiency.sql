-- Route optimisation insight, one row per route: planned vs actual distance and time, and how
-- much distance the driven stop order wasted.
--  * planned_distance_km: the planner's figure for the whole plan; actual_distance_km: the
--    closed tour depot → traced stops in driven order → depot. Both in road km.
--  * planned_order / sweep_order distance: the same traced stops in the planned order and in
--    sweep order (by bearing from the depot). best_order is the shortest of the three.
--  * wasted_distance_km = actual − best: what a better stop order would have saved;
--    wasted_share is it as a share of the actual distance; waste_rank 1 is the most wasteful
--    route (ties share a rank).
--  * planned_minutes: planned departure to planned last drop-off; actual_minutes: last pickup
--    (departure) to last drop-off, over jobs with a valid timing.
-- Tour lengths are summed as decimals (legs to 9 decimals of a km, a micrometre): a sum of
-- doubles depends on the order the engine adds the rows in, so two orders that drive the same
-- legs would differ in the last bits (a waste of 7e-15 km instead of 0, and another waste_rank)
-- from one engine, or one run, to the next. A decimal sum is exact whatever the order.
with tours as (
  select
    route_id,
    max(traced_stops) as traced_stops,
    cast(
      sum(cast(actual_leg_km as NUMERIC))
      + sum(case when actual_sequence = traced_stops then cast(depot_km as NUMERIC) else 0 end)
      as FLOAT64
    ) as actual_km,
    cast(
      sum(cast(planned_leg_km as NUMERIC))
      + sum(case when planned_sequence = traced_stops then cast(depot_km as NUMERIC) else 0 end)
      as FLOAT64
    ) as planned_km,
    cast(
      sum(cast(sweep_leg_km as NUMERIC))
      + sum(case when sweep_sequence = traced_stops then cast(depot_km as NUMERIC) else 0 end)
      as FLOAT64
    ) as sweep_km
  from `strata-golden`.`logistics_intermediate`.`int_route_stops`
  group by route_id
),

jobs as (
  select
    route_id,
    count(*) as assigned_deliveries,
    sum(case when status in ('delivered', 'failed') then 1 else 0 end) as visited_stops,
    max(case when has_valid_timing then picked_up_at end) as departed_at,
    max(case when has_valid_timing then dropped_off_at end) as last_drop_off_at
  from `strata-golden`.`logistics_staging`.`stg_deliveries`
  group by route_id
),

measured as (
  select
    r.route_id,
    r.driver_id,
    r.route_date,
    r.depot_id,
    r.planned_stops,
    coalesce(j.assigned_deliveries, 0) as assigned_deliveries,
    coalesce(j.visited_stops, 0) as visited_stops,
    coalesce(t.traced_stops, 0) as traced_stops,
    r.planned_distance_km,
    coalesce(t.actual_km, 0) as actual_distance_km,
    coalesce(t.planned_km, 0) as planned_order_distance_km,
    coalesce(t.sweep_km, 0) as sweep_order_distance_km,
    r.planned_minutes,
    DATETIME_DIFF(CAST(j.last_drop_off_at AS DATETIME), CAST(j.departed_at AS DATETIME), SECOND) / 60.0 as actual_minutes
  from `strata-golden`.`logistics_staging`.`stg_routes` as r
  left join jobs as j on j.route_id = r.route_id
  left join tours as t on t.route_id = r.route_id
),

compared as (
  select
    *,
    least(actual_distance_km, planned_order_distance_km, sweep_order_distance_km) as best_order_distance_km
  from measured
)

select
  route_id,
  driver_id,
  route_date,
  depot_id,
  planned_stops,
  cast(assigned_deliveries as INT64) as assigned_deliveries,
  cast(visited_stops as INT64) as visited_stops,
  cast(traced_stops as INT64) as traced_stops,
  planned_distance_km,
  actual_distance_km,
  actual_distance_km - planned_distance_km as distance_variance_km,
  planned_order_distance_km,
  sweep_order_distance_km,
  best_order_distance_km,
  actual_distance_km - best_order_distance_km as wasted_distance_km,
  case when actual_distance_km > 0 then (actual_distance_km - best_order_distance_km) / actual_distance_km else 0 end as wasted_share,
  planned_minutes,
  actual_minutes,
  actual_minutes - planned_minutes as time_variance_minutes,
  cast(rank() over (order by actual_distance_km - best_order_distance_km desc) as INT64) as waste_rank
from compared
