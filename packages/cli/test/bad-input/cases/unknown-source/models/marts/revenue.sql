select sum(amount) as revenue
from {{ source('raw', 'order') }}
