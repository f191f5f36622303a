{#-
  One row per patient — the latest version in the export — with every identifier removed.
  Names, SSN, phone, e-mail, street, city, full ZIP, exact date of birth and the free-text notes
  are read here and go no further; what remains is a salted pseudonymous key, the sex, an age
  band on var('as_of_date'), the state, the 3-digit ZIP (000 in restricted areas), the insurance
  type and the language.
-#}
{%- set as_of = "cast('" ~ var('as_of_date') ~ "' as " ~ type_date() ~ ")" -%}
with source as (
  select * from {{ source('ehr', 'patients') }}
),

versions as (
  select
    {{ patient_key('mrn') }} as patient_key,
    upper(trim(sex)) as sex_code,
    {{ parse_date('date_of_birth') }} as birth_date,
    upper(trim(state)) as state_text,
    {{ regexp_replace(split_part('trim(zip_code)', "'-'", 1), "'[^0-9]'", "''") }} as zip_digits,
    insurance,
    primary_language,
    {{ parse_local_timestamp('last_updated') }} as updated_at
  from source
),

latest as (
  select
    *,
    row_number() over (partition by patient_key order by updated_at desc) as version_rank
  from versions
),

cleaned as (
  select
    latest.patient_key,
    case
      when sex_code in ('F', 'FEMALE') then 'female'
      when sex_code in ('M', 'MALE') then 'male'
      else 'unknown'
    end as sex,
    {{ age_in_years('birth_date', as_of) }} as age,
    coalesce(by_code.code, by_name.code) as state,
    case when zip_digits <> '' then left(lpad(zip_digits, 5, '0'), 3) end as zip3_raw,
    case
      when nullif(trim(insurance), '') is null then 'unknown'
      when lower(insurance) like '%medicare%' then 'medicare'
      when lower(insurance) like '%medicaid%' then 'medicaid'
      when {{ normalize_code('insurance') }} in ('self_pay', 'selfpay', 'uninsured', 'cash') then 'self_pay'
      else 'commercial'
    end as insurance_type,
    nullif(lower(trim(primary_language)), '') as primary_language
  from latest
  left join {{ ref('us_states') }} as by_code on by_code.code = latest.state_text
  left join {{ ref('us_states') }} as by_name on upper(by_name.name) = latest.state_text
  where version_rank = 1
)

select
  patient_key,
  sex,
  case
    when age >= 90 then '90+'
    when age < 18 then '0-17'
    when age < 30 then '18-29'
    when age < 40 then '30-39'
    when age < 50 then '40-49'
    when age < 60 then '50-59'
    when age < 70 then '60-69'
    when age < 80 then '70-79'
    else '80-89'
  end as age_band,
  state,
  case when restricted.zip3 is not null then '000' else zip3_raw end as zip3,
  insurance_type,
  primary_language
from cleaned
left join {{ ref('restricted_zip3') }} as restricted on restricted.zip3 = cleaned.zip3_raw
