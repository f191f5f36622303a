-- Each day's ranking starts at 1 and has exactly one title per rank unless minutes tie.
select stream_date, min(daily_rank) as best_rank
from {{ ref('fct_streams') }}
group by stream_date
having min(daily_rank) <> 1
