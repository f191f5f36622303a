-- One row per driver. Shifts arrive as 'HH:MM' (UTC); minutes after midnight make them
-- comparable with drop-off times.
with parsed as (
  select
    trim(driver_id) as driver_id,
    trim(driver_name) as driver_name,
    lower(trim(vehicle_type)) as vehicle_type,
    cast(trim(hired_at) as {{ type_date() }}) as hired_date,
    trim(shift_start) as shift_start,
    trim(shift_end) as shift_end,
    {{ safe_cast(split_part('trim(shift_start)', "':'", 1), type_int()) }} * 60 + {{ safe_cast(split_part('trim(shift_start)', "':'", 2), type_int()) }} as shift_start_minute,
    {{ safe_cast(split_part('trim(shift_end)', "':'", 1), type_int()) }} * 60 + {{ safe_cast(split_part('trim(shift_end)', "':'", 2), type_int()) }} as shift_end_minute
  from {{ source('dispatch', 'drivers') }}
)

select
  *,
  (shift_end_minute - shift_start_minute) / 60.0 as shift_hours
from parsed
