-- One row per account. Ids are normalised like the event log's so the two join; the e-mail
-- address is personal data and stops here: only its hash goes on, for de-duplication.
select
  lower(trim(user_id)) as user_id,
  {{ hash('lower(trim(email))') }} as email_hash,
  upper(trim(country)) as country,
  {{ parse_timestamp_utc('signup_at') }} as signed_up_at,
  cast({{ parse_timestamp_utc('signup_at') }} as {{ type_date() }}) as signup_date
from {{ source('app', 'users') }}
