with appointments as (
  select
    patient_key,
    count(*) as appointments,
    sum(case when status = 'completed' then 1 else 0 end) as appointments_completed,
    sum(case when status = 'cancelled' then 1 else 0 end) as appointments_cancelled,
    sum(case when status = 'no_show' then 1 else 0 end) as no_shows
  from `strata-golden`.`healthcare_staging`.`stg_appointments`
  group by patient_key
),

doses as (
  select
    patient_key,
    count(distinct medication) as medications,
    count(*) as doses_scheduled,
    sum(case when dose_status = 'taken' then 1 else 0 end) as doses_taken
  from `strata-golden`.`healthcare_staging`.`stg_dose_events`
  group by patient_key
)

select
  coalesce(appointments.patient_key, doses.patient_key) as patient_key,
  coalesce(appointments.appointments, 0) as appointments,
  coalesce(appointments.appointments_completed, 0) as appointments_completed,
  coalesce(appointments.appointments_cancelled, 0) as appointments_cancelled,
  coalesce(appointments.no_shows, 0) as no_shows,
  coalesce(doses.medications, 0) as medications,
  coalesce(doses.doses_scheduled, 0) as doses_scheduled,
  coalesce(doses.doses_taken, 0) as doses_taken
from appointments
full outer join doses on doses.patient_key = appointments.patient_key
