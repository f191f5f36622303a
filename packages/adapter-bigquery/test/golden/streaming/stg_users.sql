-- One row per account. Ids are normalised like the event log's so the two join; the e-mail
-- address is personal data and stops here: only its hash goes on, for de-duplication.
--
-- A table, not a view: the replica is replaced whole by every load, so this is rebuilt every
-- run anyway, and parsing its timestamps once is cheaper than in each of the marts and tests
-- that read it (parse_timestamp_utc is a chain of string functions).

-- The signup time is parsed once, in the CTE, and the date cast from it.
with parsed as (
  select
    lower(trim(user_id)) as user_id,
    TO_HEX(MD5(REGEXP_REPLACE(CAST(lower(trim(email)) AS STRING), r'^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00$', r'\1'))) as email_hash,
    upper(trim(country)) as country,
    (case
  when trim(signup_at) is null or trim(signup_at) = '' then null
  when trim(signup_at) not like '%-%' and trim(signup_at) not like '%/%' and trim(signup_at) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(signup_at) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(signup_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), length(replace(replace(trim(signup_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), length(replace(replace(trim(signup_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(signup_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), length(replace(replace(trim(signup_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), length(replace(replace(trim(signup_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(signup_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as signed_up_at
  from `strata-golden`.`streaming_app`.`users`
)

select
  user_id,
  email_hash,
  country,
  signed_up_at,
  cast(signed_up_at as DATE) as signup_date
from parsed
