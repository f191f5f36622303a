import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCompiledSql } from '../src/artifacts/write-compiled-sql.js';

describe('writeCompiledSql', () => {
  it('writes a first set through a staging folder, then rewrites only files whose text changed', () => {
    const base = mkdtempSync(join(tmpdir(), 'compiled-'));
    const root = join(base, 'compiled', 'shop');
    writeCompiledSql(root, [
      { path: 'models/a.sql', text: 'select 1\n' },
      { path: 'models/marts/b.sql', text: 'select 2\n' },
    ]);
    expect(readFileSync(join(root, 'models/a.sql'), 'utf8')).toBe('select 1\n');
    expect(readFileSync(join(root, 'models/marts/b.sql'), 'utf8')).toBe('select 2\n');
    expect(readdirSync(join(base, 'compiled'))).toEqual(['shop']);

    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(root, 'models/a.sql'), old, old);
    utimesSync(join(root, 'models/marts/b.sql'), old, old);
    writeCompiledSql(root, [
      { path: 'models/a.sql', text: 'select 1\n' },
      { path: 'models/marts/b.sql', text: 'select 3\n' },
      { path: 'models/c.sql', text: 'select 4\n' },
    ]);
    expect(statSync(join(root, 'models/a.sql')).mtime.toISOString()).toBe(old.toISOString());
    expect(readFileSync(join(root, 'models/marts/b.sql'), 'utf8')).toBe('select 3\n');
    expect(readFileSync(join(root, 'models/c.sql'), 'utf8')).toBe('select 4\n');
    expect(readdirSync(join(root, 'models')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(`${root}.${process.pid}.tmp`)).toBe(false);
  });
});
