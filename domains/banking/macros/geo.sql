{#-
  Great-circle distance in kilometres between two points in decimal degrees (haversine, Earth
  radius 6,371 km). Portable SQL: sin, cos, asin, sqrt and power exist on DuckDB, Postgres and
  BigQuery; degrees are converted with a constant because BigQuery has no radians().
-#}
{% macro haversine_km(lat1, lon1, lat2, lon2) -%}
(2 * 6371.0 * asin(sqrt(
    power(sin((({{ lat2 }}) - ({{ lat1 }})) * 0.017453292519943295 / 2), 2)
  + cos(({{ lat1 }}) * 0.017453292519943295) * cos(({{ lat2 }}) * 0.017453292519943295)
  * power(sin((({{ lon2 }}) - ({{ lon1 }})) * 0.017453292519943295 / 2), 2)
)))
{%- endmacro %}
