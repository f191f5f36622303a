// `pnpm audit --prod`, for CI: fails on a high or critical advisory in a production dependency
// when the registry's audit endpoint answers, and says so (without failing) when it does not —
// some registries and mirrors have no audit endpoint, and an outage must not block every build.
// Usage: node .ci/audit-prod.mjs
import { spawnSync } from 'node:child_process';

const run = spawnSync('pnpm', ['audit', '--prod', '--json'], { encoding: 'utf8', timeout: 120_000 });
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = (/ERR_PNPM_[A-Z_]+/.exec(output)?.[0] ?? run.error?.message ?? output.trim().split('\n')[0]) || 'no answer';
  console.log(`pnpm audit --prod: the registry's audit endpoint did not answer (${reason}); production dependencies were NOT checked for advisories this run.`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`pnpm audit --prod: ${Object.entries(counts).map(([level, n]) => `${n} ${level}`).join(', ')}`);
if (serious > 0) {
  for (const advisory of Object.values(report.advisories ?? {})) {
    if (advisory.severity === 'high' || advisory.severity === 'critical') console.log(`  ${advisory.severity}: ${advisory.module_name} ${advisory.vulnerable_versions} — ${advisory.title} (${advisory.url})`);
  }
  console.log('pnpm audit --prod: high or critical advisories in production dependencies; upgrade or override them (pnpm.overrides).');
  process.exit(1);
}
