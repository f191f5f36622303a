-- One row per period an account spent on one plan. A plan change closes one period and opens
-- the next; cancelling closes the last one. `plan_rank` orders the tiers so that upgrades
-- and downgrades can be told apart.
--
-- A table, not a view: the replica is replaced whole by every load, so this is rebuilt every
-- run anyway, and parsing its timestamps once is cheaper than in each of the marts and tests
-- that read it (parse_timestamp_utc is a chain of string functions).

select
  trim(subscription_id) as subscription_id,
  lower(trim(user_id)) as user_id,
  lower(trim(plan)) as plan,
  case lower(trim(plan)) when 'basic' then 1 when 'standard' then 2 when 'premium' then 3 end as plan_rank,
  cast(monthly_price as FLOAT64) as monthly_price,
  (case
  when trim(started_at) is null or trim(started_at) = '' then null
  when trim(started_at) not like '%-%' and trim(started_at) not like '%/%' and trim(started_at) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(started_at) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(started_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), length(replace(replace(trim(started_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), length(replace(replace(trim(started_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(started_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), length(replace(replace(trim(started_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), length(replace(replace(trim(started_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(started_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as started_at,
  (case
  when trim(ended_at) is null or trim(ended_at) = '' then null
  when trim(ended_at) not like '%-%' and trim(ended_at) not like '%/%' and trim(ended_at) not like '%:%' then
    TIMESTAMP(DATETIME_ADD(CAST(cast('1970-01-01 00:00:00' as TIMESTAMP) AS DATETIME), INTERVAL (cast(floor(SAFE_CAST(trim(ended_at) AS FLOAT64) / 1000) as INT64)) SECOND))
  when length(replace(replace(trim(ended_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), 20) like '%+__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL (-1 * (SAFE_CAST(substr(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), length(replace(replace(trim(ended_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), length(replace(replace(trim(ended_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  when length(replace(replace(trim(ended_at), 'T', ' '), '/', '-')) > 19 and substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), 20) like '%-__:__' then
    TIMESTAMP(DATETIME_ADD(CAST(SAFE_CAST(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP) AS DATETIME), INTERVAL ((SAFE_CAST(substr(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), length(replace(replace(trim(ended_at), 'T', ' '), '/', '-')) - 4, 5), 1, 2) AS INT64) * 60 + SAFE_CAST(substr(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), length(replace(replace(trim(ended_at), 'T', ' '), '/', '-')) - 4, 5), 4, 2) AS INT64))) MINUTE))
  else SAFE_CAST(substr(replace(replace(trim(ended_at), 'T', ' '), '/', '-'), 1, 19) AS TIMESTAMP)
end) as ended_at
from `strata-golden`.`streaming_app`.`subscriptions`
