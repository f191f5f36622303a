-- One row per playback session, cleaned and deduplicated.
--  * user ids are trimmed and lower-cased ('  U000042' → 'u000042'); empty means anonymous.
--  * timestamps (epoch ms or ISO text) become UTC through parse_timestamp_utc.
--  * durations (seconds or HH:MM:SS) become seconds through parse_duration_seconds.
--  * client retries repeat an event_id, sometimes with the timestamp serialised differently,
--    so duplicates are removed by event_id, not by comparing whole rows.
--  * sessions with no parsable start, or a duration that is not positive or longer than
--    var('max_session_seconds'), are rejected: they are clock or player bugs, not viewing.
with parsed as (
  select
    trim(event_id) as event_id,
    nullif(lower(trim(user_id)), '') as user_id,
    lower(trim(show_id)) as show_id,
    {{ parse_timestamp_utc('event_timestamp') }} as started_at,
    {{ parse_duration_seconds('session_duration') }} as watch_seconds,
    nullif(lower(trim(device)), '') as device,
    event_timestamp as raw_event_timestamp
  from {{ source('events', 'watch_history') }}
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
