import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

/**
 * Raw tables arrive as text (every column VARCHAR) because the exports are dirty; staging
 * parses them. Raw checks are the ones the dispatch platform guarantees: keys present and
 * unique, foreign keys set.
 */
const text = (description: string) => z.string().nullable().meta({ description });
const key = (description: string) => z.string().meta({ unique: true, description });

/** Latitude / longitude of a cleaned point: inside the globe (and in practice the service area). */
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export default defineSchemas({
  // Reference data owned by this project (seeds/zones.csv, built into logistics_reference).
  seeds: {
    zones: {
      description: 'Delivery zones: a grid of rectangles over the city, bounds half-open [min, max)',
      columns: z.object({
        zone_id: z.string().meta({ unique: true, description: 'Row letter (A south → D north) and column number (1 west → 4 east)' }),
        zone_name: z.string().min(1),
        min_lat: z.number().min(-90).max(90),
        max_lat: z.number().min(-90).max(90),
        min_lon: z.number().min(-180).max(180),
        max_lon: z.number().min(-180).max(180),
      }),
      tests: [{ name: 'expression_is_true', expression: 'min_lat < max_lat and min_lon < max_lon' }],
    },
  },
  sources: {
    dispatch: {
      orders: {
        description: 'Customer orders with the drop-off point the app geocoded',
        columns: z.object({
          order_id: key('Order id'),
          customer_id: z.string(),
          placed_at: text('When the customer ordered, ISO-8601 in several spellings'),
          order_value: text('Basket value, EUR'),
          dropoff_lat: text('Latitude of the drop-off; sometimes swapped with the longitude, sometimes 0 or empty'),
          dropoff_lon: text('Longitude of the drop-off'),
        }),
      },
      drivers: {
        description: 'The fleet: one row per driver with their vehicle and shift',
        columns: z.object({
          driver_id: key('Driver id'),
          driver_name: z.string().meta({ pii: true, description: 'Full name' }),
          vehicle_type: text('bike, scooter or van, in any case'),
          hired_at: text('Hiring date, YYYY-MM-DD'),
          shift_start: text('Shift start, HH:MM UTC'),
          shift_end: text('Shift end, HH:MM UTC'),
        }),
      },
      routes: {
        description: 'Route plans: one driver, one day, a closed tour from a depot',
        columns: z.object({
          route_id: key('Route id'),
          driver_id: z.string(),
          route_date: z.string(),
          depot_id: z.string(),
          depot_lat: z.string(),
          depot_lon: z.string(),
          planned_start: text('Planned departure from the depot'),
          planned_end: text('Planned time of the last drop-off'),
          planned_distance_km: text('Planner estimate of the road distance of the tour'),
          planned_stops: text('Stops planned'),
        }),
      },
      deliveries: {
        description: 'Delivery jobs: one per order, assigned to a route at a planned position',
        columns: z.object({
          delivery_id: key('Delivery job id'),
          order_id: z.string(),
          route_id: z.string(),
          stop_sequence: z.string().meta({ description: 'Position in the planned route, from 1' }),
          status: text('delivered, failed or cancelled, in any case'),
          promised_from: text('Start of the window promised to the customer'),
          promised_to: text('End of the promised window'),
          picked_up_at: text('Loaded at the depot; empty when cancelled'),
          dropped_off_at: text('Handed over (or attempt, when failed); empty when cancelled'),
          customer_rating: text('1–5 stars when the customer rated; sometimes junk'),
        }),
      },
    },
  },
  models: {
    stg_orders: {
      description: 'One row per order; drop-off coordinates validated, swapped pairs fixed, 0,0 rejected',
      columns: z.object({
        order_id: z.string().meta({ unique: true }),
        customer_id: z.string(),
        placed_at: z.iso.datetime(),
        order_value: z.number().positive().max(10000),
        dropoff_lat: latitude.nullable().meta({ description: 'Cleaned latitude; null when rejected' }),
        dropoff_lon: longitude.nullable().meta({ description: 'Cleaned longitude; null when rejected' }),
        coordinate_quality: z.enum(['valid', 'swapped', 'out_of_area', 'rejected']),
      }),
      tests: [{ name: 'expression_is_true', expression: "(dropoff_lat is null) = (coordinate_quality = 'rejected')" }],
    },
    stg_drivers: {
      description: 'One row per driver with the shift in minutes after midnight',
      columns: z.object({
        driver_id: z.string().meta({ unique: true }),
        driver_name: z.string(),
        vehicle_type: z.enum(['bike', 'scooter', 'van']),
        hired_date: z.iso.date(),
        shift_start: z.string().regex(/^[0-2][0-9]:[0-5][0-9]$/),
        shift_end: z.string().regex(/^[0-2][0-9]:[0-5][0-9]$/),
        shift_start_minute: z.number().int().min(0).max(1439),
        shift_end_minute: z.number().int().min(0).max(1439),
        shift_hours: z.number().positive().max(14),
      }),
    },
    stg_routes: {
      description: 'One row per route plan',
      columns: z.object({
        route_id: z.string().meta({ unique: true }),
        driver_id: z.string().meta({ references: ref('stg_drivers', 'driver_id') }),
        route_date: z.iso.date(),
        depot_id: z.string(),
        depot_lat: latitude,
        depot_lon: longitude,
        planned_start: z.iso.datetime(),
        planned_end: z.iso.datetime(),
        planned_minutes: z.number().positive().max(24 * 60),
        planned_distance_km: z.number().positive().max(1000),
        planned_stops: z.number().int().positive().max(200),
      }),
    },
    stg_deliveries: {
      description: 'One row per delivery job with delivery time and lateness against the promised window',
      columns: z.object({
        delivery_id: z.string().meta({ unique: true }),
        order_id: z.string().meta({ unique: true, references: ref('stg_orders', 'order_id') }),
        route_id: z.string().meta({ references: ref('stg_routes', 'route_id') }),
        planned_stop_sequence: z.number().int().positive(),
        status: z.enum(['delivered', 'failed', 'cancelled']),
        delivery_date: z.iso.date().meta({ description: 'Day of the promised window' }),
        promised_from: z.iso.datetime(),
        promised_to: z.iso.datetime(),
        picked_up_at: z.iso.datetime().nullable(),
        dropped_off_at: z.iso.datetime().nullable().meta({ description: 'Drop-off or failed attempt, as exported' }),
        has_valid_timing: z.boolean(),
        delivery_minutes: z.number().positive().max(480).nullable().meta({ description: 'Pickup to drop-off; delivered jobs with a valid timing' }),
        lateness_minutes: z.number().min(-1440).max(480).nullable().meta({ description: 'Drop-off minus end of the promised window; negative = early' }),
        delay_minutes: z.number().min(0).max(480).nullable().meta({ description: 'max(lateness, 0)' }),
        is_on_time: z.boolean().nullable(),
        customer_rating: z.number().int().min(1).max(5).nullable(),
      }),
      tests: [
        { name: 'unique_combination', columns: ['route_id', 'planned_stop_sequence'] },
        { name: 'expression_is_true', expression: 'promised_to > promised_from' },
        { name: 'expression_is_true', expression: "(status = 'cancelled') = (picked_up_at is null)" },
        { name: 'expression_is_true', expression: '(delivery_minutes is null) = (is_on_time is null)' },
      ],
    },
  },
});
