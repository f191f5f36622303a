/**
 * Exposures: what reads a project's models outside Strata — a dashboard, a notebook, an
 * application. Declared in `strata.config.ts`; they appear in `manifest.json` (dbt's
 * `exposures`), in the lineage of the docs site, and in `exposure:` lookups of the manifest.
 */

/** The kinds of exposure dbt knows (the manifest schema accepts exactly these). */
export type ExposureType = 'dashboard' | 'notebook' | 'analysis' | 'ml' | 'application';

/** Who answers for an exposure. At least one of `name` or `email`. */
export interface ExposureOwner {
  name?: string;
  email?: string;
}

/**
 * One exposure, keyed by its name under `exposures` in `strata.config.ts`.
 * @example exposures: { revenue_dashboard: { type: 'dashboard', owner: { name: 'Finance', email: 'finance@example.com' }, url: 'https://bi.example.com/d/12', dependsOn: ['fct_orders', 'dim_customers'] } }
 */
export interface ExposureConfig {
  type: ExposureType;
  owner: ExposureOwner;
  /** Where people open it. */
  url?: string;
  /** Human-friendly title shown in the docs (defaults to the name). */
  label?: string;
  description?: string;
  maturity?: 'low' | 'medium' | 'high';
  tags?: string[];
  /**
   * Models, seeds or snapshots it reads: `'dim_customers'`, `'banking.fct_transactions'` for
   * another loaded project's model, or `'source:raw.orders'` for a source table.
   */
  dependsOn: string[];
}

/**
 * Settings of `strata export airflow`: how the generated DAGs schedule and retry their tasks.
 * A model's own `airflow_pool` and `airflow_retries` settings (folder config or `config()`) override `pool` and `retries`.
 * @example exports: { airflow: { schedule: '0 3 * * *', retries: 2, retryDelayMinutes: 5, pool: 'warehouse' } }
 */
export interface AirflowExportConfig {
  /** Cron expression or Airflow preset (`@daily`); `null` for manually triggered DAGs. Default `@daily`. */
  schedule?: string | null;
  /** First logical date of the DAG (ISO date). Default `2024-01-01`. */
  startDate?: string;
  /** Task retries. Default 1. */
  retries?: number;
  /** Delay between task retries, in minutes. Default 5. */
  retryDelayMinutes?: number;
  /** Airflow pool the tasks run in (caps concurrent warehouse work). Default `default_pool`. */
  pool?: string;
  /** Airflow `owner` of the tasks. Default `strata`. */
  owner?: string;
  /** Strata target the tasks build into (`--target`); the project default when absent. */
  target?: string;
  /** Extra DAG tags. */
  tags?: string[];
}

/**
 * Settings of `strata export lookml`.
 * @example exports: { lookml: { connection: 'warehouse', models: ['dim_customers', 'fct_orders'] } }
 */
export interface LookmlExportConfig {
  /** LookML connection name written into the model file. Default: the project name. */
  connection?: string;
  /** Models exported as views; default every model with `access: 'public'`, else every model under `marts/`. */
  models?: string[];
}

/** Settings of the `strata export` generators, under `exports` in `strata.config.ts`. */
export interface ExportsConfig {
  airflow?: AirflowExportConfig;
  lookml?: LookmlExportConfig;
}
