-- One row per account. Ids are normalised like the event log's so the two join; the e-mail
-- address is personal data and stops here: only its hash goes on, for de-duplication.
--
-- A table, not a view: the replica is replaced whole by every load, so this is rebuilt every
-- run anyway, and parsing its timestamps once is cheaper than in each of the marts and tests
-- that read it (parse_timestamp_utc is a chain of string functions).
{{ config(materialized='table') }}
-- The signup time is parsed once, in the CTE, and the date cast from it.
with parsed as (
  select
    lower(trim(user_id)) as user_id,
    {{ hash('lower(trim(email))') }} as email_hash,
    upper(trim(country)) as country,
    {{ parse_timestamp_utc('signup_at') }} as signed_up_at
  from {{ source('app', 'users') }}
)

select
  user_id,
  email_hash,
  country,
  signed_up_at,
  cast(signed_up_at as {{ type_date() }}) as signup_date
from parsed
