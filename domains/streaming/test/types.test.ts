import { databaseTypes, loadWorkspace } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { projectDir } from '../src/index.js';

describe('generated types', () => {
  it('src/database.generated.ts matches the public models\' zod schemas (else run: pnpm strata types --project domains/streaming)', async () => {
    const workspace = await loadWorkspace({ projects: [projectDir] });
    const result = databaseTypes(workspace.projects[0]!, workspace.dag);
    expect(result.models).toEqual(['dim_users', 'fct_streams', 'retention_analysis']);
    expect(result.upToDate).toBe(true);
  });
});
