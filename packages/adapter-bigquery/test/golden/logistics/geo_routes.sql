-- One row per delivery job on the map: its cleaned drop-off point, the zone it falls in, its
-- position in the planned and the driven order, and the legs that led to it.
--  * actual_stop_sequence is null for stops that cannot be traced (cancelled, no valid
--    timing or no usable point); their legs are null too.
--  * depot_distance_km, planned_leg_km and actual_leg_km are estimated road km:
--    great-circle distance × var('road_factor').
select
  l.delivery_id,
  l.route_id,
  l.driver_id,
  l.route_date,
  l.status,
  l.planned_stop_sequence,
  s.actual_sequence as actual_stop_sequence,
  l.dropoff_lat,
  l.dropoff_lon,
  l.coordinate_quality,
  l.zone_id,
  l.zone_name,
  case
    when l.dropoff_lat is not null
      then (2 * 6371.0 * asin(sqrt(
  power(sin((l.dropoff_lat - r.depot_lat) * 0.017453292519943295 / 2), 2)
  + cos(r.depot_lat * 0.017453292519943295) * cos(l.dropoff_lat * 0.017453292519943295)
    * power(sin((l.dropoff_lon - r.depot_lon) * 0.017453292519943295 / 2), 2)
))) * 1.3
  end as depot_distance_km,
  s.planned_leg_km,
  s.actual_leg_km
from `strata-golden`.`logistics_intermediate`.`int_delivery_locations` as l
inner join `strata-golden`.`logistics_staging`.`stg_routes` as r on r.route_id = l.route_id
left join `strata-golden`.`logistics_intermediate`.`int_route_stops` as s on s.delivery_id = l.delivery_id
