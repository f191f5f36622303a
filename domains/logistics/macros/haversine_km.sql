{#-
  haversine_km(lat1, lon1, lat2, lon2): great-circle distance in km between two points given
  in degrees (earth radius 6371 km). Standard SQL functions only (sin, cos, asin, sqrt,
  power) and a literal for π/180 instead of radians(), which BigQuery lacks.
-#}
{% macro haversine_km(lat1, lon1, lat2, lon2) -%}
(2 * 6371.0 * asin(sqrt(
  power(sin(({{ lat2 }} - {{ lat1 }}) * 0.017453292519943295 / 2), 2)
  + cos({{ lat1 }} * 0.017453292519943295) * cos({{ lat2 }} * 0.017453292519943295)
    * power(sin(({{ lon2 }} - {{ lon1 }}) * 0.017453292519943295 / 2), 2)
)))
{%- endmacro %}
