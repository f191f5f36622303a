-- One row per account: profile, subscription history and lifetime viewing.
--  * first_plan: plan of the earliest period; current_plan: plan of the open period, null
--    when the account has none (churned or never subscribed).
--  * upgrades / downgrades: consecutive periods whose plan rank went up / down; plan_changes
--    is their sum (a cancel-and-resubscribe to the same plan is not a change).
--  * churn_date: the day the last period ended, when no period is open.
with periods as (
  select
    *,
    lag(plan_rank) over (partition by user_id order by started_at) as previous_rank,
    row_number() over (partition by user_id order by started_at) as period_number,
    row_number() over (partition by user_id order by started_at desc) as periods_after
  from `strata-golden`.`streaming_staging`.`stg_subscriptions`
),

history as (
  select
    user_id,
    min(started_at) as first_subscribed_at,
    sum(case when plan_rank > previous_rank then 1 else 0 end) as upgrades,
    sum(case when plan_rank < previous_rank then 1 else 0 end) as downgrades
  from periods
  group by user_id
),

first_period as (
  select user_id, plan from periods where period_number = 1
),

last_period as (
  select user_id, plan, ended_at from periods where periods_after = 1
),

viewing as (
  select
    user_id,
    min(stream_date) as first_watch_date,
    max(stream_date) as last_watch_date,
    count(*) as active_days,
    sum(sessions) as lifetime_sessions,
    -- Summed in integer seconds: exact, so the same whatever the order of the rows.
    sum(watch_seconds) / 60.0 as lifetime_minutes_watched
  from `strata-golden`.`streaming_intermediate`.`int_daily_streams`
  group by user_id
)

select
  u.user_id,
  u.country,
  u.signup_date,
  cast(TIMESTAMP_TRUNC(CAST(u.signup_date AS TIMESTAMP), MONTH) as DATE) as cohort_month,
  f.plan as first_plan,
  case when l.ended_at is null then l.plan end as current_plan,
  case
    when l.user_id is null then 'never_subscribed'
    when l.ended_at is null then 'active'
    else 'churned'
  end as subscription_status,
  h.first_subscribed_at,
  cast(coalesce(h.upgrades, 0) + coalesce(h.downgrades, 0) as INT64) as plan_changes,
  cast(coalesce(h.upgrades, 0) as INT64) as upgrades,
  cast(coalesce(h.downgrades, 0) as INT64) as downgrades,
  cast(case when l.ended_at is not null then l.ended_at end as DATE) as churn_date,
  v.first_watch_date,
  v.last_watch_date,
  cast(coalesce(v.active_days, 0) as INT64) as active_days,
  cast(coalesce(v.lifetime_sessions, 0) as INT64) as lifetime_sessions,
  coalesce(v.lifetime_minutes_watched, 0) as lifetime_minutes_watched
from `strata-golden`.`streaming_staging`.`stg_users` as u
left join history as h on h.user_id = u.user_id
left join first_period as f on f.user_id = u.user_id
left join last_period as l on l.user_id = u.user_id
left join viewing as v on v.user_id = u.user_id
