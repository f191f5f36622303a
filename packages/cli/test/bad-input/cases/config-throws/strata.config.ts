// The config reads a setting that must come from the environment, and refuses to load without it.
const region = process.env.STRATA_BAD_INPUT_REGION;
if (!region) throw new Error('STRATA_BAD_INPUT_REGION is not set');

export default {
  name: 'bad',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts' } },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders'] } },
};
