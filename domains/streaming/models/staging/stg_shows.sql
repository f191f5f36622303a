-- One row per title of the catalogue.
select
  lower(trim(show_id)) as show_id,
  trim(title) as title,
  lower(trim(show_type)) as show_type,
  lower(trim(genre)) as genre,
  cast(release_year as {{ type_int() }}) as release_year,
  cast(runtime_minutes as {{ type_int() }}) as runtime_minutes
from {{ source('app', 'shows') }}
