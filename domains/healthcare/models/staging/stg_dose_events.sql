{#-
  One row per scheduled dose of a prescription (the medication administration record). A dose
  is taken when it has a taken time, missed when the time is blank, N/A or null; late when taken
  more than var('late_dose_minutes') after it was due. Charting comments and the nurse's name
  are dropped.
-#}
with source as (
  select * from {{ source('ehr', 'medications') }}
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(mar_id)) order by scheduled_time) as copy_number
  from source
),

parsed as {{ materialized_cte() }}(
  select
    upper(trim(mar_id)) as dose_event_id,
    upper(trim(rx_number)) as rx_number,
    {{ patient_key('mrn') }} as patient_key,
    lower(trim(drug_name)) || ' ' || lower(replace(trim(strength), ' ', '')) as medication,
    case
      when {{ normalize_code('frequency') }} in ('qd', 'daily', 'once_daily') then 'once_daily'
      when {{ normalize_code('frequency') }} in ('bid', 'twice_daily') then 'twice_daily'
    end as frequency,
    {{ parse_local_timestamp('scheduled_time') }} as scheduled_at,
    {{ parse_local_timestamp('administered_time') }} as taken_at
  from deduplicated
  where copy_number = 1
)

select
  dose_event_id,
  rx_number,
  patient_key,
  medication,
  frequency,
  scheduled_at,
  taken_at,
  case when taken_at is not null then 'taken' else 'missed' end as dose_status,
  case when taken_at is not null then {{ datediff('scheduled_at', 'taken_at', 'minute') }} end as minutes_late,
  coalesce({{ datediff('scheduled_at', 'taken_at', 'minute') }} > {{ var('late_dose_minutes') }}, false) as is_late
from parsed
