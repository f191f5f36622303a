-- Viewing per signed-in user and UTC day. Anonymous sessions have no user and are left out.
--
-- Built as a table for now: the runner does not support incremental models yet. Once it does,
-- this becomes materialized='incremental' with unique_key ['user_id', 'stream_date'], and an
-- is_incremental() filter that reprocesses only the last three days already in the table,
-- because clients upload late sessions up to a few days after they happen.
{{ config(materialized='table') }}

select
  user_id,
  stream_date,
  cast(count(*) as {{ type_bigint() }}) as sessions,
  sum(watch_seconds) / 60.0 as minutes_watched,
  cast(count(distinct show_id) as {{ type_bigint() }}) as distinct_shows
from {{ ref('stg_watch_history') }}
where user_id is not null
group by user_id, stream_date
