select sum({{ require_positive('amount') }}) as revenue
from {{ ref('stg_orders') }}
