export default {
  name: 'bad',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts' } },
  seeds: { schema: 'raw' },
  // A list where a map of names to values belongs: jiti strips types without checking them.
  vars: ['start_date', '2024-01-01'],
  sources: { raw: { tables: ['orders'] } },
};
