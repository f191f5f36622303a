import { defineModel, sql } from '@strata/core';
import staging, { type APPOINTMENT_STATUSES } from '../staging/schema';

type Status = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Daily appointment facts per department and provider: volume by status, no-show rate, booking
 * lead time.
 *
 * Written in TypeScript because the SQL repeats `sum(case when status = … then 1 else 0 end)` six
 * times: here it is one function, and its statuses are checked against the staging schema's
 * enum, so a misspelt status ('noshow') fails `tsc` instead of silently counting nothing.
 */
export default defineModel({
  refs: { stg_appointments: staging.models.stg_appointments },
  query: (db, ctx) =>
    db
      .selectFrom('stg_appointments')
      .select((eb) => {
        /** Appointments of the group in one of `statuses`. */
        const count = (...statuses: Status[]) => eb.fn.sum<number>(eb.case().when('status', 'in', statuses).then(1).else(0).end());
        const float = ctx.macro('type_float');
        const attended = count('completed', 'no_show');
        return [
          'appointment_date',
          'department',
          'provider_id',
          eb.fn.max('provider_name').as('provider_name'),
          eb.fn.countAll<number>().as('scheduled'),
          count('completed').as('completed'),
          count('cancelled').as('cancelled'),
          count('no_show').as('no_shows'),
          count('scheduled').as('open'),
          // Of the appointments that were due, the share nobody came to; null when none were due.
          eb
            .case()
            .when(eb(attended, '>', 0))
            .then(eb.fn<number>('round', [sql`cast(${count('no_show')} as ${float}) / ${attended}`, sql.lit(4)]))
            .end()
            .as('no_show_rate'),
          eb.fn<number>('round', [eb.fn.avg(sql`cast(${eb.ref('lead_time_days')} as ${float})`), sql.lit(2)]).as('avg_lead_time_days'),
        ];
      })
      .groupBy(['appointment_date', 'department', 'provider_id']),
});
