-- Every delivery job is counted exactly once in fct_deliveries, dim_drivers and
-- route_efficiency. Returns a row per total that does not match staging.
with staged as (
  select
    count(*) as jobs,
    sum(case when status = 'delivered' then 1 else 0 end) as delivered,
    sum(case when is_on_time then 1 else 0 end) as on_time
  from {{ ref('stg_deliveries') }}
),

by_zone as (
  select sum(deliveries) as jobs, sum(delivered) as delivered, sum(on_time_rate * timed_deliveries) as on_time
  from {{ ref('fct_deliveries') }}
),

by_driver as (
  select sum(assigned_deliveries) as jobs, sum(delivered) as delivered from {{ ref('dim_drivers') }}
),

by_route as (
  select sum(assigned_deliveries) as jobs from {{ ref('route_efficiency') }}
)

select 'fct_deliveries jobs' as total, s.jobs as expected, z.jobs as actual from staged as s cross join by_zone as z where s.jobs <> z.jobs
union all
select 'fct_deliveries delivered', s.delivered, z.delivered from staged as s cross join by_zone as z where s.delivered <> z.delivered
union all
select 'fct_deliveries on time', s.on_time, z.on_time from staged as s cross join by_zone as z where abs(s.on_time - z.on_time) > 0.001
union all
select 'dim_drivers jobs', s.jobs, d.jobs from staged as s cross join by_driver as d where s.jobs <> d.jobs
union all
select 'dim_drivers delivered', s.delivered, d.delivered from staged as s cross join by_driver as d where s.delivered <> d.delivered
union all
select 'route_efficiency jobs', s.jobs, r.jobs from staged as s cross join by_route as r where s.jobs <> r.jobs
