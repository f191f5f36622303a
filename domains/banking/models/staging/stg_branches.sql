{#- One row per branch: ids in one form, the country as an ISO code, coordinates as numbers. -#}
with source as (
  select * from {{ source('bank', 'branches') }}
)

select
  upper({{ regexp_replace('source.branch_id', "'[^A-Za-z0-9]'", "''") }}) as branch_id,
  trim(source.branch_name) as branch_name,
  trim(source.city) as city,
  countries.iso2 as country,
  {{ parse_coordinate('source.latitude') }} as latitude,
  {{ parse_coordinate('source.longitude') }} as longitude,
  {{ parse_date('source.opened_on') }} as opened_date
from source
left join {{ ref('country_codes') }} as countries
  on upper(trim(source.country)) in (countries.iso2, countries.iso3, upper(countries.name))
