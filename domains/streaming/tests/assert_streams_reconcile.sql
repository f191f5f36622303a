-- Every valid session is counted exactly once in fct_streams (titles are all in the
-- catalogue) and, when signed in, exactly once in int_daily_streams. Returns a row per
-- mismatching total.
with staged as (
  select
    count(*) as sessions,
    sum(case when user_id is not null then 1 else 0 end) as signed_in_sessions,
    sum(watch_seconds) / 60.0 as minutes
  from {{ ref('stg_watch_history') }}
),

by_show as (
  select sum(sessions) as sessions, sum(minutes_watched) as minutes from {{ ref('fct_streams') }}
),

by_user as (
  select sum(sessions) as sessions from {{ ref('int_daily_streams') }}
)

select 'fct_streams sessions' as total, s.sessions as expected, f.sessions as actual
from staged as s cross join by_show as f where s.sessions <> f.sessions
union all
select 'fct_streams minutes', s.minutes, f.minutes
from staged as s cross join by_show as f where abs(s.minutes - f.minutes) > 0.001
union all
select 'int_daily_streams sessions', s.signed_in_sessions, u.sessions
from staged as s cross join by_user as u where s.signed_in_sessions <> u.sessions
