export default {
  name: 'bad',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts' } },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders'] } },
};
