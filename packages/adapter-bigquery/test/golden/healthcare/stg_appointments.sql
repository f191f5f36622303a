with source as (
  select * from `strata-golden`.`healthcare_ehr`.`appointments`
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(appointment_id)) order by booked_at) as copy_number
  from source
),

parsed as (
  select
    upper(trim(appointment_id)) as appointment_id,
    TO_HEX(MD5(CONCAT('golden-files-test-salt', '|', cast(SAFE_CAST(nullif(REGEXP_REPLACE(mrn, '[^0-9]', ''), '') AS INT64) as STRING)))) as patient_key,
    upper(trim(provider_id)) as provider_id,
    nullif(trim(provider_name), '') as provider_name,
    lower(trim(department)) as department,
    TIMESTAMP(DATETIME(cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(appt_date)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y', trim(appt_date)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(appt_date)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(appt_date))) as DATE), cast(COALESCE(SAFE.PARSE_TIMESTAMP('%H:%M', upper(trim(appt_time))), SAFE.PARSE_TIMESTAMP('%I:%M %p', upper(trim(appt_time))), SAFE.PARSE_TIMESTAMP('%H%M', upper(trim(appt_time))), SAFE.PARSE_TIMESTAMP('%H:%M:%S', upper(trim(appt_time)))) as time))) as scheduled_at,
    COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', trim(booked_at)), SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M', trim(booked_at)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %H:%M', trim(booked_at)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %I:%M %p', trim(booked_at)), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S', trim(booked_at))) as booked_at,
    codes.status
  from deduplicated
  left join `strata-golden`.`healthcare_reference`.`appointment_status_codes` as codes on codes.code = replace(replace(replace(lower(trim(deduplicated.status)), '.', ''), '-', '_'), ' ', '_')
  where copy_number = 1
)

select
  appointment_id,
  patient_key,
  provider_id,
  provider_name,
  department,
  scheduled_at,
  cast(scheduled_at as DATE) as appointment_date,
  booked_at,
  DATETIME_DIFF(CAST(cast(scheduled_at as DATE) AS DATETIME), CAST(cast(booked_at as DATE) AS DATETIME), DAY) as lead_time_days,
  status
from parsed
