with per_medication as (
  select
    patient_key,
    medication,
    count(distinct rx_number) as prescriptions,
    cast(min(scheduled_at) as DATE) as first_due_date,
    cast(max(scheduled_at) as DATE) as last_due_date,
    count(*) as doses_scheduled,
    sum(case when dose_status = 'taken' then 1 else 0 end) as doses_taken,
    sum(case when dose_status = 'missed' then 1 else 0 end) as doses_missed,
    sum(case when is_late then 1 else 0 end) as doses_late
  from `strata-golden`.`healthcare_staging`.`stg_dose_events`
  group by patient_key, medication
)

select
  patient_key,
  medication,
  prescriptions,
  first_due_date,
  last_due_date,
  doses_scheduled,
  doses_taken,
  doses_missed,
  doses_late,
  round(cast(doses_taken as FLOAT64) / doses_scheduled, 4) as adherence_rate,
  cast(doses_taken as FLOAT64) / doses_scheduled >= 0.8 as is_adherent
from per_medication
