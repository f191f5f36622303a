-- Delivery KPIs by day (of the promised window) and zone (of the drop-off point; 'unzoned'
-- when the point was rejected or lies outside every zone).
--  * deliveries counts every job; delivered / failed / cancelled split it.
--  * Times and punctuality use delivered jobs with a valid timing (timed_deliveries):
--    avg and p90 (continuous percentile) of pickup-to-drop-off minutes, the share dropped off
--    by the end of the promised window, and the average delay with on-time jobs counting 0.
with jobs as (
  select
    l.delivery_date,
    coalesce(l.zone_id, 'unzoned') as zone_id,
    coalesce(l.zone_name, 'Unzoned') as zone_name,
    d.status,
    d.delivery_minutes,
    d.delay_minutes,
    d.is_on_time
  from `strata-golden`.`logistics_intermediate`.`int_delivery_locations` as l
  inner join `strata-golden`.`logistics_staging`.`stg_deliveries` as d on d.delivery_id = l.delivery_id
)

select
  delivery_date,
  zone_id,
  zone_name,
  cast(count(*) as INT64) as deliveries,
  cast(sum(case when status = 'delivered' then 1 else 0 end) as INT64) as delivered,
  cast(sum(case when status = 'failed' then 1 else 0 end) as INT64) as failed,
  cast(sum(case when status = 'cancelled' then 1 else 0 end) as INT64) as cancelled,
  cast(count(delivery_minutes) as INT64) as timed_deliveries,
  avg(delivery_minutes) as avg_delivery_minutes,
  (SELECT PERCENTILE_CONT(v, 0.9) OVER () FROM UNNEST(ARRAY_AGG(delivery_minutes IGNORE NULLS)) AS v LIMIT 1) as p90_delivery_minutes,
  sum(case when is_on_time then 1 else 0 end) * 1.0 / nullif(count(is_on_time), 0) as on_time_rate,
  avg(delay_minutes) as avg_delay_minutes
from jobs
group by delivery_date, zone_id, zone_name
