-- One row per driver: workload, punctuality, speed, ratings, cancellations, and a performance
-- score from 0 to 100 with its four components (each from 0 to 1):
--  * on_time_score     = on_time_rate (0 when nothing was timed)
--  * speed_score       = min(1, var('target_delivery_minutes') / avg_delivery_minutes)
--  * rating_score      = (avg_rating − 1) / 4, 0.5 (neutral) when nobody rated the driver
--  * reliability_score = 1 − cancelled_jobs / assigned_deliveries
--  performance_score   = 100 × (w_on_time × on_time + w_speed × speed + w_rating × rating
--                        + w_reliability × reliability), weights from the score_weight_* vars.
-- Drivers without any job have null components and score. performance_rank: 1 is best.
with jobs as (
  select r.driver_id, d.*
  from `strata-golden`.`logistics_staging`.`stg_deliveries` as d
  inner join `strata-golden`.`logistics_staging`.`stg_routes` as r on r.route_id = d.route_id
),

per_driver as (
  select
    v.driver_id,
    count(distinct j.route_id) as routes_driven,
    count(j.delivery_id) as assigned_deliveries,
    sum(case when j.status = 'delivered' then 1 else 0 end) as delivered,
    sum(case when j.status = 'failed' then 1 else 0 end) as failed,
    sum(case when j.status = 'cancelled' then 1 else 0 end) as cancelled_jobs,
    count(j.is_on_time) as timed_deliveries,
    sum(case when j.is_on_time then 1 else 0 end) as on_time_deliveries,
    avg(j.delivery_minutes) as avg_delivery_minutes,
    avg(j.delay_minutes) as avg_delay_minutes,
    avg(j.customer_rating * 1.0) as avg_rating,
    count(j.customer_rating) as rated_deliveries,
    sum(case
      when j.has_valid_timing
        and (extract(hour from j.dropped_off_at) * 60 + extract(minute from j.dropped_off_at) < v.shift_start_minute
          or extract(hour from j.dropped_off_at) * 60 + extract(minute from j.dropped_off_at) > v.shift_end_minute)
      then 1 else 0
    end) as drop_offs_outside_shift
  from `strata-golden`.`logistics_staging`.`stg_drivers` as v
  left join jobs as j on j.driver_id = v.driver_id
  group by v.driver_id
),

components as (
  select
    *,
    on_time_deliveries * 1.0 / nullif(timed_deliveries, 0) as on_time_rate,
    case when assigned_deliveries > 0 then coalesce(on_time_deliveries * 1.0 / nullif(timed_deliveries, 0), 0) end as on_time_score,
    case when assigned_deliveries > 0 then coalesce(least(1.0, 45 / avg_delivery_minutes), 0) end as speed_score,
    case when assigned_deliveries > 0 then coalesce((avg_rating - 1) / 4.0, 0.5) end as rating_score,
    case when assigned_deliveries > 0 then 1 - cancelled_jobs * 1.0 / assigned_deliveries end as reliability_score
  from per_driver
),

scored as (
  select
    *,
    100 * (
      0.4 * on_time_score
      + 0.25 * speed_score
      + 0.2 * rating_score
      + 0.15 * reliability_score
    ) as performance_score
  from components
)

select
  v.driver_id,
  v.driver_name,
  v.vehicle_type,
  v.hired_date,
  v.shift_start,
  v.shift_end,
  v.shift_hours,
  cast(s.routes_driven as INT64) as routes_driven,
  cast(s.assigned_deliveries as INT64) as assigned_deliveries,
  cast(s.delivered as INT64) as delivered,
  cast(s.failed as INT64) as failed,
  cast(s.cancelled_jobs as INT64) as cancelled_jobs,
  cast(s.timed_deliveries as INT64) as timed_deliveries,
  s.on_time_rate,
  s.avg_delivery_minutes,
  s.avg_delay_minutes,
  s.avg_rating,
  cast(s.rated_deliveries as INT64) as rated_deliveries,
  cast(s.drop_offs_outside_shift as INT64) as drop_offs_outside_shift,
  s.on_time_score,
  s.speed_score,
  s.rating_score,
  s.reliability_score,
  s.performance_score,
  cast(case when s.performance_score is not null then rank() over (order by s.performance_score desc) end as INT64) as performance_rank
from `strata-golden`.`logistics_staging`.`stg_drivers` as v
inner join scored as s on s.driver_id = v.driver_id
