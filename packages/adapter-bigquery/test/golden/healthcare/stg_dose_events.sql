with source as (
  select * from `strata-golden`.`healthcare_ehr`.`medications`
),

deduplicated as (
  select
    *,
    row_number() over (partition by upper(trim(mar_id)) order by scheduled_time) as copy_number
  from source
),

parsed as (
  select
    upper(trim(mar_id)) as dose_event_id,
    upper(trim(rx_number)) as rx_number,
    TO_HEX(MD5(CONCAT('golden-files-test-salt', '|', cast(SAFE_CAST(nullif(REGEXP_REPLACE(mrn, '[^0-9]', ''), '') AS INT64) as STRING)))) as patient_key,
    lower(trim(drug_name)) || ' ' || lower(replace(trim(strength), ' ', '')) as medication,
    case
      when replace(replace(replace(lower(trim(frequency)), '.', ''), '-', '_'), ' ', '_') in ('qd', 'daily', 'once_daily') then 'once_daily'
      when replace(replace(replace(lower(trim(frequency)), '.', ''), '-', '_'), ' ', '_') in ('bid', 'twice_daily') then 'twice_daily'
    end as frequency,
    COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', trim(scheduled_time)), SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M', trim(scheduled_time)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %H:%M', trim(scheduled_time)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %I:%M %p', trim(scheduled_time)), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S', trim(scheduled_time))) as scheduled_at,
    COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', trim(administered_time)), SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M', trim(administered_time)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %H:%M', trim(administered_time)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %I:%M %p', trim(administered_time)), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S', trim(administered_time))) as taken_at
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
  case when taken_at is not null then DATETIME_DIFF(CAST(taken_at AS DATETIME), CAST(scheduled_at AS DATETIME), MINUTE) end as minutes_late,
  coalesce(DATETIME_DIFF(CAST(taken_at AS DATETIME), CAST(scheduled_at AS DATETIME), MINUTE) > 60, false) as is_late
from parsed
