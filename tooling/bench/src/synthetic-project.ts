import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@strata/datagen';

/** Shape of a generated project: how many models and how they fan in. */
export interface SyntheticProjectOptions {
  models: number;
  seed?: number;
  /** Models per folder (each folder gets one schema.ts). Default 200. */
  folderSize?: number;
}

const LAYERS = [
  { name: 'staging', share: 0.4, materialized: 'view' },
  { name: 'intermediate', share: 0.35, materialized: 'ephemeral' },
  { name: 'marts', share: 0.25, materialized: 'table' },
] as const;

/** 20–40 lines of SQL with Jinja: refs, a macro call, a var, a conditional block. */
function modelSql(rng: Rng, refs: string[], source: string | undefined): string {
  const lines: string[] = [];
  lines.push(`{{ config(tags=['bench', 'group_${rng.int(1, 9)}']) }}`);
  const inputs = source ? [`{{ source('raw', '${source}') }}`] : refs.map((r) => `{{ ref('${r}') }}`);
  lines.push('with');
  inputs.forEach((input, i) => {
    const comma = i < inputs.length - 1 ? ',' : '';
    if (i === 0) lines.push(`input_${i} as (`, '  select', '    id,', '    amount,', '    category,', '    created_at', `  from ${input}`, `  where amount >= {{ var('min_amount', 0) }}`, `)${comma}`);
    else lines.push(`input_${i} as (select id, amount from ${input})${comma}`);
  });
  lines.push('select');
  lines.push('  input_0.id,');
  lines.push(`  {{ date_trunc('day', 'input_0.created_at') }} as created_day,`);
  lines.push('  input_0.category,');
  lines.push(`  input_0.amount${inputs.length > 1 ? ' + coalesce(input_1.amount, 0)' : ''} as amount,`);
  lines.push(`  {{ surrogate_key(['input_0.id', 'input_0.category']) }} as row_key`);
  lines.push('from input_0');
  for (let i = 1; i < inputs.length; i++) lines.push(`left join input_${i} on input_${i}.id = input_0.id`);
  lines.push('{% if target.name == "prod" %}', 'where input_0.amount > 0', '{% endif %}');
  while (lines.length < 20 + rng.int(0, 20)) lines.push(`-- ${'note '.repeat(rng.int(1, 8)).trim()}`);
  return lines.join('\n') + '\n';
}

function schemaTs(models: string[], rng: Rng): string {
  const entries = models.map((name) => {
    const checks = rng.int(2, 4);
    const columns = [
      `id: z.number().int()${checks >= 2 ? '.meta({ unique: true })' : ''}`,
      `category: ${checks >= 3 ? "z.enum(['a', 'b', 'c'])" : 'z.string()'}`,
      `amount: z.number()${checks >= 4 ? '.min(0)' : ''}.nullable()`,
      'created_day: z.iso.datetime()',
      'row_key: z.string().nullable()',
    ];
    return `    ${name}: { description: 'synthetic model ${name}', columns: z.object({ ${columns.join(', ')} }) },`;
  });
  return `import { z } from 'zod';\n\nexport default {\n  models: {\n${entries.join('\n')}\n  },\n};\n`;
}

/**
 * Writes a deterministic synthetic project shaped like real ones — sources → staging →
 * intermediate → marts, fan-in of 1–4 refs, 20–40 lines of Jinja SQL per model, a zod schema with
 * 2–4 expectations per model — and returns its folder.
 */
export function writeSyntheticProject(root: string, options: SyntheticProjectOptions): string {
  const rng = new Rng(options.seed ?? 1);
  const folderSize = options.folderSize ?? 200;
  const sources = Array.from({ length: Math.max(1, Math.round(options.models / 50)) }, (_, i) => `table_${i}`);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'strata.config.ts'),
    `export default {\n  name: 'bench',\n  models: { staging: { materialized: 'view', schema: 'staging' }, intermediate: { materialized: 'ephemeral' }, marts: { materialized: 'table', schema: 'marts' } },\n  sources: { raw: { tables: ${JSON.stringify(sources)} } },\n};\n`,
  );
  const built: Record<string, string[]> = { staging: [], intermediate: [], marts: [] };
  let index = 0;
  for (const layer of LAYERS) {
    const count = layer.name === 'marts' ? options.models - index : Math.round(options.models * layer.share);
    const upstream = layer.name === 'staging' ? [] : layer.name === 'intermediate' ? built.staging! : [...built.staging!, ...built.intermediate!];
    for (let i = 0; i < count; i++, index++) {
      const name = `${layer.name.slice(0, 3)}_${String(index).padStart(6, '0')}`;
      const folder = `${layer.name}/f${Math.floor(built[layer.name]!.length / folderSize)}`;
      const refs = upstream.length === 0 ? [] : Array.from(new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(upstream.slice(-2000)))));
      mkdirSync(join(root, 'models', folder), { recursive: true });
      writeFileSync(join(root, 'models', folder, `${name}.sql`), modelSql(rng, refs, layer.name === 'staging' ? rng.pick(sources) : undefined));
      built[layer.name]!.push(name);
    }
  }
  for (const layer of LAYERS) {
    const names = built[layer.name]!;
    for (let f = 0; f * folderSize < names.length; f++) {
      writeFileSync(join(root, 'models', layer.name, `f${f}`, 'schema.ts'), schemaTs(names.slice(f * folderSize, (f + 1) * folderSize), rng));
    }
  }
  return root;
}
