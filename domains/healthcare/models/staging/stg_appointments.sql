{#-
  One row per appointment: the separate date and time strings become one local timestamp, raw
  status codes map to scheduled / completed / cancelled / no_show through
  seeds/appointment_status_codes.csv (an unknown code leaves status null and fails its test),
  and the free-text visit reason is dropped.
-#}
with source as (
  select * from {{ source('ehr', 'appointments') }}
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(appointment_id)) order by booked_at) as copy_number
  from source
),

parsed as {{ materialized_cte() }}(
  select
    upper(trim(appointment_id)) as appointment_id,
    {{ patient_key('mrn') }} as patient_key,
    upper(trim(provider_id)) as provider_id,
    nullif(trim(provider_name), '') as provider_name,
    lower(trim(department)) as department,
    {{ date_and_time('appt_date', 'appt_time') }} as scheduled_at,
    {{ parse_local_timestamp('booked_at') }} as booked_at,
    codes.status
  from deduplicated
  left join {{ ref('appointment_status_codes') }} as codes on codes.code = {{ normalize_code('deduplicated.status') }}
  where copy_number = 1
)

select
  appointment_id,
  patient_key,
  provider_id,
  provider_name,
  department,
  scheduled_at,
  cast(scheduled_at as {{ type_date() }}) as appointment_date,
  booked_at,
  {{ datediff('cast(booked_at as ' ~ type_date() ~ ')', 'cast(scheduled_at as ' ~ type_date() ~ ')', 'day') }} as lead_time_days,
  status
from parsed
