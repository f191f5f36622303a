-- Viewing per title and UTC day: how many signed-in viewers, sessions and minutes, how many
-- sessions were watched to the end, and the title's rank among that day's titles by minutes
-- watched (rank(): ties share a rank and the next rank is skipped, as in a league table).
--
-- Incremental, like int_daily_streams: each run recomputes every title-day from three days
-- before the latest day already in the table onwards (late uploads) and replaces those rows
-- (delete+insert on the key). A day's rank only depends on that day's rows, and whole days are
-- recomputed, so daily_rank stays correct. Rows are written in day order, so that the rows each
-- run rewrites stay together at the end of the table (see int_daily_streams).


with sessions as (
  select
    w.stream_date,
    w.show_id,
    w.user_id,
    w.watch_seconds,
    case when w.watch_seconds >= 0.9 * s.runtime_minutes * 60 then 1 else 0 end as is_completed
  from `strata-golden`.`streaming_staging`.`stg_watch_history` as w
  inner join `strata-golden`.`streaming_staging`.`stg_shows` as s on s.show_id = w.show_id
  
),

daily as (
  select
    stream_date,
    show_id,
    count(distinct user_id) as viewers,
    count(*) as sessions,
    sum(case when user_id is null then 1 else 0 end) as anonymous_sessions,
    sum(watch_seconds) / 60.0 as minutes_watched,
    sum(is_completed) as completed_sessions
  from sessions
  group by stream_date, show_id
)

select
  d.stream_date,
  d.show_id,
  s.title,
  s.genre,
  cast(d.viewers as INT64) as viewers,
  cast(d.sessions as INT64) as sessions,
  cast(d.anonymous_sessions as INT64) as anonymous_sessions,
  d.minutes_watched,
  cast(d.completed_sessions as INT64) as completed_sessions,
  d.completed_sessions * 1.0 / d.sessions as completion_rate,
  cast(rank() over (partition by d.stream_date order by d.minutes_watched desc) as INT64) as daily_rank
from daily as d
inner join `strata-golden`.`streaming_staging`.`stg_shows` as s on s.show_id = d.show_id
order by d.stream_date
