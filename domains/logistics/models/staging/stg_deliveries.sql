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
with parsed as {{ materialized_cte() }}(
  select
    trim(delivery_id) as delivery_id,
    trim(order_id) as order_id,
    trim(route_id) as route_id,
    cast(stop_sequence as {{ type_int() }}) as planned_stop_sequence,
    lower(trim(status)) as status,
    {{ parse_timestamp_utc('promised_from') }} as promised_from,
    {{ parse_timestamp_utc('promised_to') }} as promised_to,
    {{ parse_timestamp_utc('picked_up_at') }} as picked_up_at,
    {{ parse_timestamp_utc('dropped_off_at') }} as dropped_off_at,
    {{ safe_cast('trim(customer_rating)', type_int()) }} as rating_value
  from {{ source('dispatch', 'deliveries') }}
),

timed as (
  select
    *,
    coalesce(
      status in ('delivered', 'failed')
      and dropped_off_at > picked_up_at
      and {{ datediff('picked_up_at', 'dropped_off_at', 'second') }} <= {{ var('max_delivery_minutes', 480) }} * 60,
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
  cast(promised_from as {{ type_date() }}) as delivery_date,
  promised_from,
  promised_to,
  picked_up_at,
  dropped_off_at,
  has_valid_timing,
  case when status = 'delivered' and has_valid_timing then {{ datediff('picked_up_at', 'dropped_off_at', 'second') }} / 60.0 end as delivery_minutes,
  case when status = 'delivered' and has_valid_timing then {{ datediff('promised_to', 'dropped_off_at', 'second') }} / 60.0 end as lateness_minutes,
  case when status = 'delivered' and has_valid_timing then greatest({{ datediff('promised_to', 'dropped_off_at', 'second') }} / 60.0, 0) end as delay_minutes,
  case when status = 'delivered' and has_valid_timing then dropped_off_at <= promised_to end as is_on_time,
  case when rating_value between 1 and 5 then rating_value end as customer_rating
from timed
