import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

const km = (description: string) => z.number().min(0).max(500).meta({ description });

export default defineSchemas({
  models: {
    int_delivery_locations: {
      description: 'One row per delivery job with its route, cleaned drop-off point and zone',
      columns: z.object({
        delivery_id: z.string().meta({ unique: true, references: ref('stg_deliveries', 'delivery_id') }),
        order_id: z.string(),
        route_id: z.string(),
        driver_id: z.string(),
        route_date: z.iso.date(),
        delivery_date: z.iso.date(),
        status: z.enum(['delivered', 'failed', 'cancelled']),
        planned_stop_sequence: z.number().int().positive(),
        picked_up_at: z.iso.datetime().nullable(),
        dropped_off_at: z.iso.datetime().nullable(),
        has_valid_timing: z.boolean(),
        dropoff_lat: z.number().min(-90).max(90).nullable(),
        dropoff_lon: z.number().min(-180).max(180).nullable(),
        coordinate_quality: z.enum(['valid', 'swapped', 'out_of_area', 'rejected']),
        zone_id: z.string().nullable().meta({ references: ref('zones', 'zone_id') }),
        zone_name: z.string().nullable(),
      }),
    },
    int_route_stops: {
      description: 'Traced stops of each route, numbered in actual, planned and sweep order, with the leg distance of each order',
      columns: z.object({
        delivery_id: z.string().meta({ unique: true }),
        route_id: z.string(),
        traced_stops: z.number().int().positive(),
        actual_sequence: z.number().int().positive(),
        planned_sequence: z.number().int().positive(),
        sweep_sequence: z.number().int().positive(),
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
        depot_km: km('Estimated road km between the depot and the stop'),
        actual_leg_km: km('From the previous stop in actual order'),
        planned_leg_km: km('From the previous stop in planned order'),
        sweep_leg_km: km('From the previous stop in sweep order'),
      }),
      tests: [
        { name: 'unique_combination', columns: ['route_id', 'actual_sequence'] },
        { name: 'expression_is_true', expression: 'actual_sequence <= traced_stops and planned_sequence <= traced_stops and sweep_sequence <= traced_stops' },
      ],
    },
  },
});
