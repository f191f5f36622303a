-- Zones must tile the map without overlapping, or a point would fall into two zones and be
-- counted twice. Returns every pair of zones whose rectangles share an area.
select a.zone_id as zone_a, b.zone_id as zone_b
from {{ ref('zones') }} as a
inner join {{ ref('zones') }} as b
  on a.zone_id < b.zone_id
  and a.min_lat < b.max_lat and b.min_lat < a.max_lat
  and a.min_lon < b.max_lon and b.min_lon < a.max_lon
