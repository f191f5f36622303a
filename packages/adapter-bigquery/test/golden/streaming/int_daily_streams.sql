-- Viewing per signed-in user and UTC day. Anonymous sessions have no user and are left out.
--
-- Incremental: clients upload sessions late (offline phones, retries), up to a few days after
-- they happen, so each run recomputes every user-day from three days before the latest day
-- already in the table onwards, and replaces those rows (delete+insert on the key). Whole days
-- are recomputed from all of staging, so a late session joins its day's totals instead of
-- adding a second row. A session that started more than three days before the latest day
-- already built is only counted after a --full-refresh.
--
-- watch_seconds is the exact integer total, so rollups over days (dim_users) come out the same
-- to the last bit whatever order the rows are summed in; a sum of minutes_watched (a float)
-- would not, and incremental runs store rows in a different order than a full refresh.
--
-- Rows are written in day order: each incremental run deletes and rewrites the last days, and
-- appends after them, so those rows stay together at the end of the table. In hash order they
-- were spread over every block, and DuckDB rewrote the whole table at the next checkpoint.


select
  user_id,
  stream_date,
  cast(count(*) as INT64) as sessions,
  cast(sum(watch_seconds) as INT64) as watch_seconds,
  sum(watch_seconds) / 60.0 as minutes_watched,
  cast(count(distinct show_id) as INT64) as distinct_shows
from `strata-golden`.`streaming_staging`.`stg_watch_history`
where user_id is not null

group by user_id, stream_date
order by stream_date
