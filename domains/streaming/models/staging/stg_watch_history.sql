-- One row per playback session, cleaned and deduplicated.
--  * user ids are trimmed and lower-cased ('  U000042' → 'u000042'); empty means anonymous.
--  * timestamps (epoch ms or ISO text) become UTC through parse_timestamp_utc.
--  * durations (seconds or HH:MM:SS) become seconds through parse_duration_seconds.
--  * client retries repeat an event_id, sometimes with the timestamp serialised differently,
--    so duplicates are removed by event_id, not by comparing whole rows.
--  * sessions with no parsable start, or a duration that is not positive or longer than
--    var('max_session_seconds'), are rejected: they are clock or player bugs, not viewing.
--
-- Incremental (append): the event log only grows, and parsing it is the costliest step of the
-- domain, so each run parses only the raw rows whose event_id is not loaded yet — every upload
-- of such an event, whenever it arrived — and dedups them among themselves. That gives the same
-- rows as a full refresh: an event already loaded was chosen from all its uploads known then,
-- and a later retry describes the same session (same instant, user, title and duration), so it
-- would give the same row; an event whose uploads were all rejected is not loaded, and all its
-- uploads are looked at again on the next run, as a full refresh would. A table, not a view,
-- also means every model and test downstream reads parsed rows instead of parsing the whole
-- log once more each.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail'
) }}

with uploads as (
  select
    trim(event_id) as event_id,
    user_id,
    show_id,
    event_timestamp,
    session_duration,
    device
  from {{ source('events', 'watch_history') }}
),

-- On an incremental run, only the uploads of events not loaded yet. The id is trimmed above,
-- not in the join condition: compared as trim(event_id) = ..., DuckDB evaluates the subquery
-- as a correlated one, 3-4x slower than the plain anti-join on the trimmed column.
new_uploads as (
  select *
  from uploads
  {% if is_incremental() %}
  where not exists (select 1 from {{ this }} as loaded where loaded.event_id = uploads.event_id)
  {% endif %}
),

parsed as (
  select
    event_id,
    nullif(lower(trim(user_id)), '') as user_id,
    lower(trim(show_id)) as show_id,
    {{ parse_timestamp_utc('event_timestamp') }} as started_at,
    {{ parse_duration_seconds('session_duration') }} as watch_seconds,
    nullif(lower(trim(device)), '') as device,
    event_timestamp as raw_event_timestamp
  from new_uploads
),

deduplicated as (
  select
    *,
    row_number() over (partition by event_id order by started_at, raw_event_timestamp) as upload_attempt
  from parsed
)

select
  event_id,
  user_id,
  user_id is null as is_anonymous,
  show_id,
  started_at,
  cast(started_at as {{ type_date() }}) as stream_date,
  watch_seconds,
  watch_seconds / 60.0 as watch_minutes,
  device
from deduplicated
where upload_attempt = 1
  and started_at is not null
  and watch_seconds > 0
  and watch_seconds <= {{ var('max_session_seconds', 43200) }}
