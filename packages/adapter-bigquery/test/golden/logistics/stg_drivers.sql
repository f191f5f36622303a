-- One row per driver. Shifts arrive as 'HH:MM' (UTC); minutes after midnight make them
-- comparable with drop-off times.
with parsed as (
  select
    trim(driver_id) as driver_id,
    trim(driver_name) as driver_name,
    lower(trim(vehicle_type)) as vehicle_type,
    cast(trim(hired_at) as DATE) as hired_date,
    trim(shift_start) as shift_start,
    trim(shift_end) as shift_end,
    SAFE_CAST((CASE WHEN trim(shift_start) IS NULL THEN NULL ELSE COALESCE(SPLIT(trim(shift_start), ':')[SAFE_OFFSET((1) - 1)], '') END) AS INT64) * 60 + SAFE_CAST((CASE WHEN trim(shift_start) IS NULL THEN NULL ELSE COALESCE(SPLIT(trim(shift_start), ':')[SAFE_OFFSET((2) - 1)], '') END) AS INT64) as shift_start_minute,
    SAFE_CAST((CASE WHEN trim(shift_end) IS NULL THEN NULL ELSE COALESCE(SPLIT(trim(shift_end), ':')[SAFE_OFFSET((1) - 1)], '') END) AS INT64) * 60 + SAFE_CAST((CASE WHEN trim(shift_end) IS NULL THEN NULL ELSE COALESCE(SPLIT(trim(shift_end), ':')[SAFE_OFFSET((2) - 1)], '') END) AS INT64) as shift_end_minute
  from `strata-golden`.`logistics_dispatch`.`drivers`
)

select
  *,
  (shift_end_minute - shift_start_minute) / 60.0 as shift_hours
from parsed
