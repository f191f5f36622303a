{#-
  in_zone(lat, lon, zone): true when the point lies in the zone's rectangle. Bounds are
  half-open ([min, max)), so a point on a shared edge belongs to exactly one zone. Plain
  comparisons: runs on every warehouse.
-#}
{% macro in_zone(lat, lon, zone) -%}
({{ lat }} >= {{ zone }}.min_lat and {{ lat }} < {{ zone }}.max_lat and {{ lon }} >= {{ zone }}.min_lon and {{ lon }} < {{ zone }}.max_lon)
{%- endmacro %}
