select
  patients.patient_key,
  patients.sex,
  patients.age_band,
  patients.state,
  patients.zip3,
  patients.insurance_type,
  patients.primary_language,
  coalesce(activity.appointments, 0) as appointments,
  coalesce(activity.appointments_completed, 0) as appointments_completed,
  coalesce(activity.appointments_cancelled, 0) as appointments_cancelled,
  coalesce(activity.no_shows, 0) as no_shows,
  case
    when coalesce(activity.appointments_completed, 0) + coalesce(activity.no_shows, 0) > 0
      then round(cast(activity.no_shows as FLOAT64) / (activity.appointments_completed + activity.no_shows), 4)
  end as no_show_rate,
  coalesce(activity.medications, 0) as medications,
  coalesce(activity.doses_scheduled, 0) as doses_scheduled,
  coalesce(activity.doses_taken, 0) as doses_taken,
  case
    when activity.doses_scheduled > 0 then round(cast(activity.doses_taken as FLOAT64) / activity.doses_scheduled, 4)
  end as adherence_rate,
  case
    when activity.doses_scheduled > 0 then cast(activity.doses_taken as FLOAT64) / activity.doses_scheduled >= 0.8
  end as is_adherent
from `strata-golden`.`healthcare_staging`.`stg_patients` as patients
left join `strata-golden`.`healthcare_intermediate`.`int_patient_activity` as activity on activity.patient_key = patients.patient_key
