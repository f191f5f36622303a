-- One row per period an account spent on one plan. A plan change closes one period and opens
-- the next; cancelling closes the last one. `plan_rank` orders the tiers so that upgrades
-- and downgrades can be told apart.
select
  trim(subscription_id) as subscription_id,
  lower(trim(user_id)) as user_id,
  lower(trim(plan)) as plan,
  case lower(trim(plan)) when 'basic' then 1 when 'standard' then 2 when 'premium' then 3 end as plan_rank,
  cast(monthly_price as {{ type_float() }}) as monthly_price,
  {{ parse_timestamp_utc('started_at') }} as started_at,
  {{ parse_timestamp_utc('ended_at') }} as ended_at
from {{ source('app', 'subscriptions') }}
