-- One row per delivery job, with its timing cleaned and measured.
--  * status is normalised to delivered / failed (customer not reached; the drop-off time is the
--    attempt) / cancelled (never picked up).
--  * has_valid_timing: picked up and dropped off, the drop-off after the pickup and within
--    var('max_delivery_minutes'). Device clocks and late uploads break this for a few jobs;
--    their times are not measured.
--  * delivery_minutes: pickup to drop-off, delivered jobs with a valid timing only.
--  * lateness_minutes: drop-off minus the end of the promised window (negative = early);
--    delay_minutes is the late part only (0 when on time); is_on_time: dropped off no later
--    than the end of the window (arriving before the window opens counts as on time).
--  * customer_rating: 1–5; anything else ('0', '6', 'n/a') is dropped.
--  * delivery_date: the day of the promised window, which every job has, cancelled or not.
with parsed as (
  select
    trim(delivery_id) as delivery_id,
    trim(order_id) as order_id,
    trim(route_id) as route_id,
    cast(stop_sequence as INT64) as planned_stop_sequence,
    lower(trim(status)) as status,
    (case
  when trim(promised_from) is null or trim(promised_from) = '' then null
  when trim(promised_from) not like '%-%' and trim(promised_from) not like '%/%' and trim(promised_from) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(promised_from) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(promised_from), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_from), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_from), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(promised_from), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_from), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_from), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(promised_from), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as promised_from,
    (case
  when trim(promised_to) is null or trim(promised_to) = '' then null
  when trim(promised_to) not like '%-%' and trim(promised_to) not like '%/%' and trim(promised_to) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(promised_to) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(promised_to), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_to), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_to), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(promised_to), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_to), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), length(replace(replace(trim(promised_to), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(promised_to), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as promised_to,
    (case
  when trim(picked_up_at) is null or trim(picked_up_at) = '' then null
  when trim(picked_up_at) not like '%-%' and trim(picked_up_at) not like '%/%' and trim(picked_up_at) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(picked_up_at) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), length(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), length(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), length(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), length(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(picked_up_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as picked_up_at,
    (case
  when trim(dropped_off_at) is null or trim(dropped_off_at) = '' then null
  when trim(dropped_off_at) not like '%-%' and trim(dropped_off_at) not like '%/%' and trim(dropped_off_at) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(dropped_off_at) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), length(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), length(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), length(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), length(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(dropped_off_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as dropped_off_at,
    SAFE_CAST(trim(customer_rating) AS INT64) as rating_value
  from `strata-golden`.`logistics_dispatch`.`deliveries`
),

timed as (
  select
    *,
    coalesce(
      status in ('delivered', 'failed')
      and dropped_off_at > picked_up_at
      and DATETIME_DIFF(CAST(dropped_off_at AS DATETIME), CAST(picked_up_at AS DATETIME), SECOND) <= 480 * 60,
      false
    ) as has_valid_timing
  from parsed
)

select
  delivery_id,
  order_id,
  route_id,
  planned_stop_sequence,
  status,
  cast(promised_from as DATE) as delivery_date,
  promised_from,
  promised_to,
  picked_up_at,
  dropped_off_at,
  has_valid_timing,
  case when status = 'delivered' and has_valid_timing then DATETIME_DIFF(CAST(dropped_off_at AS DATETIME), CAST(picked_up_at AS DATETIME), SECOND) / 60.0 end as delivery_minutes,
  case when status = 'delivered' and has_valid_timing then DATETIME_DIFF(CAST(dropped_off_at AS DATETIME), CAST(promised_to AS DATETIME), SECOND) / 60.0 end as lateness_minutes,
  case when status = 'delivered' and has_valid_timing then greatest(DATETIME_DIFF(CAST(dropped_off_at AS DATETIME), CAST(promised_to AS DATETIME), SECOND) / 60.0, 0) end as delay_minutes,
  case when status = 'delivered' and has_valid_timing then dropped_off_at <= promised_to end as is_on_time,
  case when rating_value between 1 and 5 then rating_value end as customer_rating
from timed
