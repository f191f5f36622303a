select order_id, amount, status
from {{ source('raw', 'orders') }}
