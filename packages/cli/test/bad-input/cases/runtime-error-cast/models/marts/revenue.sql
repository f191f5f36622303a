select
  sum(amount) as revenue,
  max(cast(status as integer)) as status_code
from {{ ref('stg_orders') }}
