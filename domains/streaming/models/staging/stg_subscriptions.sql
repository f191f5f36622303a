-- One row per period an account spent on one plan. A plan change closes one period and opens
-- the next; cancelling closes the last one. `plan_rank` orders the tiers so that upgrades
-- and downgrades can be told apart.
--
-- A table, not a view: the replica is replaced whole by every load, so this is rebuilt every
-- run anyway, and parsing its timestamps once is cheaper than in each of the marts and tests
-- that read it (parse_timestamp_utc is a chain of string functions).
{{ config(materialized='table') }}
select
  trim(subscription_id) as subscription_id,
  lower(trim(user_id)) as user_id,
  lower(trim(plan)) as plan,
  case lower(trim(plan)) when 'basic' then 1 when 'standard' then 2 when 'premium' then 3 end as plan_rank,
  cast(monthly_price as {{ type_float() }}) as monthly_price,
  {{ parse_timestamp_utc('started_at') }} as started_at,
  {{ parse_timestamp_utc('ended_at') }} as ended_at
from {{ source('app', 'subscriptions') }}
