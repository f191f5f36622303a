-- One row per delivery job with its route, its cleaned drop-off point and the zone that point
-- falls in (point-in-rectangle against the zones seed; null when the point was rejected or
-- lies outside every zone).
select
  d.delivery_id,
  d.order_id,
  d.route_id,
  r.driver_id,
  r.route_date,
  d.delivery_date,
  d.status,
  d.planned_stop_sequence,
  d.picked_up_at,
  d.dropped_off_at,
  d.has_valid_timing,
  o.dropoff_lat,
  o.dropoff_lon,
  o.coordinate_quality,
  z.zone_id,
  z.zone_name
from `strata-golden`.`logistics_staging`.`stg_deliveries` as d
inner join `strata-golden`.`logistics_staging`.`stg_orders` as o on o.order_id = d.order_id
inner join `strata-golden`.`logistics_staging`.`stg_routes` as r on r.route_id = d.route_id
left join `strata-golden`.`logistics_reference`.`zones` as z on (o.dropoff_lat >= z.min_lat and o.dropoff_lat < z.max_lat and o.dropoff_lon >= z.min_lon and o.dropoff_lon < z.max_lon)
