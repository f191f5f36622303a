import { databaseTypes, loadWorkspace } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { projectDir } from '../src/index.js';

describe('generated types', () => {
  it('src/database.generated.ts matches the public models\' zod schemas (else run: pnpm strata types --project domains/logistics)', async () => {
    const workspace = await loadWorkspace({ projects: [projectDir] });
    const result = databaseTypes(workspace.projects[0]!, workspace.dag);
    expect(result.models).toEqual(['customer_delivery_value', 'dim_drivers', 'fct_deliveries', 'geo_routes', 'route_efficiency']);
    expect(result.upToDate).toBe(true);
  });
});
