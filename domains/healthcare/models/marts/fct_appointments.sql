{#- Daily appointment facts per department and provider: volume by status, no-show rate, booking lead time. -#}
select
  appointment_date,
  department,
  provider_id,
  max(provider_name) as provider_name,
  count(*) as scheduled,
  sum(case when status = 'completed' then 1 else 0 end) as completed,
  sum(case when status = 'cancelled' then 1 else 0 end) as cancelled,
  sum(case when status = 'no_show' then 1 else 0 end) as no_shows,
  sum(case when status = 'scheduled' then 1 else 0 end) as open,
  case
    when sum(case when status in ('completed', 'no_show') then 1 else 0 end) > 0
      then round(
        cast(sum(case when status = 'no_show' then 1 else 0 end) as {{ type_float() }})
          / sum(case when status in ('completed', 'no_show') then 1 else 0 end),
        4)
  end as no_show_rate,
  round(avg(cast(lead_time_days as {{ type_float() }})), 2) as avg_lead_time_days
from {{ ref('stg_appointments') }}
group by appointment_date, department, provider_id
