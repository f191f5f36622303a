select *
from {{ ref('legacy_revenue') }}
