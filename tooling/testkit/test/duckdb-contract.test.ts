import { adapterSuite } from '../src/index.js';
import { DuckDbAdapter } from '@strata/adapter-duckdb';

adapterSuite('duckdb', () => DuckDbAdapter.open({ path: ':memory:' }));
