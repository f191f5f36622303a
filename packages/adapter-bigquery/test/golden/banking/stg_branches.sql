with source as (
  select * from `strata-golden`.`banking_bank`.`branches`
)

select
  upper(REGEXP_REPLACE(source.branch_id, '[^A-Za-z0-9]', '')) as branch_id,
  trim(source.branch_name) as branch_name,
  trim(source.city) as city,
  countries.iso2 as country,
  (case
  when upper(trim(source.latitude)) like '%S' or upper(trim(source.latitude)) like '%W' or trim(source.latitude) like '-%' then -1
  else 1
end * SAFE_CAST(nullif(REGEXP_REPLACE(source.latitude, '[^0-9.]', ''), '') AS FLOAT64)) as latitude,
  (case
  when upper(trim(source.longitude)) like '%S' or upper(trim(source.longitude)) like '%W' or trim(source.longitude) like '-%' then -1
  else 1
end * SAFE_CAST(nullif(REGEXP_REPLACE(source.longitude, '[^0-9.]', ''), '') AS FLOAT64)) as longitude,
  cast(COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%d', trim(source.opened_on)), SAFE.PARSE_TIMESTAMP('%Y/%m/%d', trim(source.opened_on)), SAFE.PARSE_TIMESTAMP('%d-%b-%Y', trim(source.opened_on)), SAFE.PARSE_TIMESTAMP('%Y%m%d', trim(source.opened_on))) as DATE) as opened_date
from source
left join `strata-golden`.`banking_reference`.`country_codes` as countries
  on upper(trim(source.country)) in (countries.iso2, countries.iso3, upper(countries.name))
