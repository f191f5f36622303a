-- The monthly cohort triangle: one row per signup cohort (month) and month since signup, up
-- to the last month with viewing data.
--  * active_users: cohort members who watched anything in that calendar month (classic
--    monthly activity; it can rise again when users come back).
--  * retained_users: cohort members whose last viewing month is this month or later — they
--    have not left yet ("unbounded" retention). It can only fall as months go by, which is
--    what retention_rate reports and what the non_increasing test checks.
-- Rates are shares of the cohort's size, so every cohort starts from all its signups.
-- The month calendar is a recursive CTE (standard SQL) so months without any viewing still
-- get a row. Its last month is computed once, in the anchor row, and carried along: a subquery
-- in the recursive step would be evaluated again on every step (DuckDB does), a scan of all
-- sessions per month of history.
with recursive calendar as (
  select
    cast(TIMESTAMP_TRUNC(CAST(min(signup_date) AS TIMESTAMP), MONTH) as DATE) as month_start,
    (select cast(TIMESTAMP_TRUNC(CAST(max(stream_date) AS TIMESTAMP), MONTH) as DATE) from `strata-golden`.`streaming_staging`.`stg_watch_history`) as last_month
  from `strata-golden`.`streaming_staging`.`stg_users`
  union all
  select cast(TIMESTAMP(DATETIME_ADD(CAST(month_start AS DATETIME), INTERVAL (1) MONTH)) as DATE), last_month
  from calendar
  where month_start < last_month
),

members as (
  select user_id, cast(TIMESTAMP_TRUNC(CAST(signup_date AS TIMESTAMP), MONTH) as DATE) as cohort_month
  from `strata-golden`.`streaming_staging`.`stg_users`
),

cohorts as (
  select cohort_month, count(*) as cohort_size from members group by cohort_month
),

member_months as (
  select distinct
    m.user_id,
    m.cohort_month,
    DATETIME_DIFF(CAST(cast(TIMESTAMP_TRUNC(CAST(d.stream_date AS TIMESTAMP), MONTH) as DATE) AS DATETIME), CAST(m.cohort_month AS DATETIME), MONTH) as months_since_signup
  from members as m
  inner join `strata-golden`.`streaming_intermediate`.`int_daily_streams` as d on d.user_id = m.user_id
  where d.stream_date >= m.cohort_month
),

last_active as (
  select user_id, cohort_month, max(months_since_signup) as last_active_month
  from member_months
  group by user_id, cohort_month
),

grid as (
  select
    c.cohort_month,
    c.cohort_size,
    k.month_start as activity_month,
    DATETIME_DIFF(CAST(k.month_start AS DATETIME), CAST(c.cohort_month AS DATETIME), MONTH) as months_since_signup
  from cohorts as c
  inner join calendar as k on k.month_start >= c.cohort_month
),

active as (
  select cohort_month, months_since_signup, count(*) as active_users
  from member_months
  group by cohort_month, months_since_signup
),

retained as (
  select g.cohort_month, g.months_since_signup, count(l.user_id) as retained_users
  from grid as g
  left join last_active as l
    on l.cohort_month = g.cohort_month and l.last_active_month >= g.months_since_signup
  group by g.cohort_month, g.months_since_signup
)

select
  g.cohort_month,
  cast(g.months_since_signup as INT64) as months_since_signup,
  g.activity_month,
  cast(g.cohort_size as INT64) as cohort_size,
  cast(coalesce(a.active_users, 0) as INT64) as active_users,
  coalesce(a.active_users, 0) * 1.0 / g.cohort_size as active_rate,
  cast(r.retained_users as INT64) as retained_users,
  r.retained_users * 1.0 / g.cohort_size as retention_rate
from grid as g
left join active as a on a.cohort_month = g.cohort_month and a.months_since_signup = g.months_since_signup
inner join retained as r on r.cohort_month = g.cohort_month and r.months_since_signup = g.months_since_signup
