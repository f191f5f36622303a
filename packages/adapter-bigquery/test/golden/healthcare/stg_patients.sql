with source as (
  select * from `strata-golden`.`healthcare_ehr`.`patients`
),

versions as (
  select
    TO_HEX(MD5(CONCAT('golden-files-test-salt', '|', cast(SAFE_CAST(nullif(REGEXP_REPLACE(mrn, '[^0-9]', ''), '') AS INT64) as STRING)))) as patient_key,
    upper(trim(sex)) as sex_code,
    cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(date_of_birth)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y', trim(date_of_birth)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(date_of_birth)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(date_of_birth))) as DATE) as birth_date,
    upper(trim(state)) as state_text,
    REGEXP_REPLACE((CASE WHEN trim(zip_code) IS NULL THEN NULL ELSE COALESCE(SPLIT(trim(zip_code), '-')[SAFE_OFFSET((1) - 1)], '') END), '[^0-9]', '') as zip_digits,
    insurance,
    primary_language,
    COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', trim(last_updated)), SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M', trim(last_updated)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %H:%M', trim(last_updated)), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %I:%M %p', trim(last_updated)), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S', trim(last_updated))) as updated_at
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
    cast(extract(year from cast('2024-06-30' as DATE)) - extract(year from birth_date)
  - case when extract(month from cast('2024-06-30' as DATE)) * 100 + extract(day from cast('2024-06-30' as DATE))
              < extract(month from birth_date) * 100 + extract(day from birth_date) then 1 else 0 end as INT64) as age,
    coalesce(by_code.code, by_name.code) as state,
    case when zip_digits <> '' then left(lpad(zip_digits, 5, '0'), 3) end as zip3_raw,
    case
      when nullif(trim(insurance), '') is null then 'unknown'
      when lower(insurance) like '%medicare%' then 'medicare'
      when lower(insurance) like '%medicaid%' then 'medicaid'
      when replace(replace(replace(lower(trim(insurance)), '.', ''), '-', '_'), ' ', '_') in ('self_pay', 'selfpay', 'uninsured', 'cash') then 'self_pay'
      else 'commercial'
    end as insurance_type,
    nullif(lower(trim(primary_language)), '') as primary_language
  from latest
  left join `strata-golden`.`healthcare_reference`.`us_states` as by_code on by_code.code = latest.state_text
  left join `strata-golden`.`healthcare_reference`.`us_states` as by_name on upper(by_name.name) = latest.state_text
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
left join `strata-golden`.`healthcare_reference`.`restricted_zip3` as restricted on restricted.zip3 = cleaned.zip3_raw
