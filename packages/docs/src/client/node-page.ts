import type { DocsData, DocsExpectation, DocsNode } from '../docs-data.js';
import { age, el, formatCount, nodeHref, timeAgo } from './dom.js';
import { highlightSql } from './sql-highlight.js';

const STATUS_CLASS: Record<string, string> = { pass: 'ok', success: 'ok', warn: 'warn', fail: 'fail', error: 'fail', 'runtime error': 'fail', skipped: 'skip', 'not run': 'skip' };

/** A coloured status chip. */
export const chip = (status: string): HTMLElement => el('span', { class: `chip chip-${STATUS_CLASS[status] ?? 'skip'}` }, status);

function card(label: string, value: string | Node, sub?: string): HTMLElement {
  return el('div', { class: 'card' }, el('div', { class: 'card-label' }, label), el('div', { class: 'card-value' }, value), sub ? el('div', { class: 'card-sub' }, sub) : null);
}

function nodeLink(data: DocsData, id: string): HTMLElement {
  const node = data.nodes.find((n) => n.id === id);
  return el('a', { class: `node-link layer-${node?.layer ?? 'model'}`, href: nodeHref(id) }, el('i'), node ? node.label : id, node && node.project ? el('small', {}, node.project) : null);
}

function stats(node: DocsNode): HTMLElement {
  const cards: HTMLElement[] = [];
  if (node.rowCount !== null) cards.push(card('Rows', formatCount(node.rowCount), node.lastRun?.rowsAffected != null && node.rowCount === null ? 'from the last run' : 'in the warehouse'));
  if (node.lastRun) cards.push(card('Last run', chip(node.lastRun.status), `${timeAgo(node.lastRun.completedAt)} · ${node.lastRun.executionTime.toFixed(2)}s`));
  else if (node.resourceType !== 'source' && node.resourceType !== 'exposure') cards.push(card('Last run', chip('not run')));
  if (node.expectations.length > 0) {
    const count = (s: string) => node.expectations.filter((e) => e.status === s).length;
    const failed = count('fail') + count('error');
    const ran = node.expectations.length - count('not run');
    const parts = [failed ? `${failed} failed` : '', count('warn') ? `${count('warn')} warned` : '', count('skipped') ? `${count('skipped')} skipped` : '', count('not run') ? `${count('not run')} not run` : ''].filter(Boolean);
    cards.push(card('Expectations', `${count('pass')} / ${node.expectations.length} passed`, ran === 0 ? 'not run yet' : parts.join(' · ') || 'all passing'));
  }
  if (node.freshness) {
    const f = node.freshness;
    const limits = [f.warnAfter ? `warn after ${f.warnAfter}` : '', f.errorAfter ? `error after ${f.errorAfter}` : ''].filter(Boolean).join(', ');
    cards.push(card('Freshness', f.status ? chip(f.status) : f.maxLoadedAt ? `${age(f.ageSeconds ?? 0)} old` : 'unknown', [f.maxLoadedAt ? `latest ${f.loadedAtField ?? 'load'} ${f.maxLoadedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}` : '', limits].filter(Boolean).join(' · ')));
  }
  if (node.resourceType === 'exposure' && node.exposure) {
    cards.push(card('Owner', node.exposure.owner || 'unknown'));
    if (node.exposure.maturity) cards.push(card('Maturity', node.exposure.maturity));
  }
  return el('div', { class: 'cards' }, ...cards);
}

function columnsTable(node: DocsNode): HTMLElement {
  const byId = new Map(node.expectations.map((e) => [e.id, e]));
  return el(
    'table',
    { class: 'columns-table' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Column'), el('th', {}, 'Type'), el('th', {}, 'Nullable'), el('th', {}, 'Description'), el('th', {}, 'Tests'))),
    el(
      'tbody',
      {},
      ...node.columns.map((c) =>
        el(
          'tr',
          { 'data-column': c.name },
          el('td', { class: 'mono' }, c.name, c.pii ? el('span', { class: 'badge badge-pii', title: 'personal data' }, 'PII') : null),
          el('td', { class: 'mono' }, c.type ?? '', c.warehouseType ? el('small', { class: 'muted' }, ` ${c.warehouseType}`) : null),
          el('td', {}, c.nullable === null ? '' : c.nullable ? 'yes' : 'no'),
          el('td', {}, c.description),
          el('td', {}, el('div', { class: 'test-chips' }, ...c.tests.map((id) => byId.get(id)).filter((e): e is DocsExpectation => e !== undefined).map((e) => el('span', { class: `chip chip-${STATUS_CLASS[e.status] ?? 'skip'}`, title: `${e.name}: ${e.status}` }, e.kind)))),
        ),
      ),
    ),
  );
}

function result(e: DocsExpectation): string {
  if (e.unexpectedCount === undefined) return e.message ?? '';
  const total = e.elementCount !== undefined ? ` of ${formatCount(e.elementCount)}` : '';
  const pct = e.unexpectedPercent !== undefined && e.unexpectedCount > 0 ? ` (${e.unexpectedPercent.toFixed(2)}%)` : '';
  const observed = e.observedValue !== undefined && e.observedValue !== null ? ` · observed ${JSON.stringify(e.observedValue)}` : '';
  return `${formatCount(e.unexpectedCount)} unexpected${total}${pct}${observed}`;
}

function expectationsTable(node: DocsNode): HTMLElement {
  return el(
    'table',
    { class: 'expectations-table' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Status'), el('th', {}, 'Expectation'), el('th', {}, 'Column'), el('th', {}, 'Asserts'), el('th', {}, 'Last result'))),
    el(
      'tbody',
      {},
      ...node.expectations.map((e) =>
        el(
          'tr',
          { 'data-test': e.name },
          el('td', {}, chip(e.status)),
          el('td', { class: 'mono' }, e.name, e.severity === 'warn' ? el('small', { class: 'muted' }, ' (warn)') : null),
          el('td', { class: 'mono' }, e.column ?? ''),
          el('td', { class: 'mono small' }, e.detail ?? ''),
          el('td', {}, result(e), e.sample && e.sample.length > 0 ? el('div', { class: 'sample mono small' }, `sample: ${JSON.stringify(e.sample.slice(0, 5))}`) : null),
        ),
      ),
    ),
  );
}

function sqlTabs(node: DocsNode): HTMLElement | null {
  const tabs = [
    ['Source', node.rawSql],
    ['Compiled', node.compiledSql],
  ].filter((t): t is [string, string] => Boolean(t[1]));
  if (tabs.length === 0) return null;
  const body = el('div', { class: 'sql-body' });
  const buttons = tabs.map(([label, sql], i) => {
    const button = el('button', { type: 'button', class: `tab${i === 0 ? ' active' : ''}`, 'data-tab': label.toLowerCase() }, `${label} SQL`);
    button.addEventListener('click', () => {
      for (const b of buttons) b.classList.toggle('active', b === button);
      body.replaceChildren(highlightSql(sql));
    });
    return button;
  });
  body.appendChild(highlightSql(tabs[0]![1]));
  return el('section', { class: 'panel' }, el('div', { class: 'tabs' }, ...buttons), body);
}

/** The page of one node: header, stats, columns, expectations, lineage neighbours and SQL. */
export function nodePage(data: DocsData, node: DocsNode): HTMLElement {
  const badges = [node.resourceType, node.materialized && node.materialized !== node.resourceType ? node.materialized : null, node.layer !== node.resourceType ? node.layer : null, node.contract ? 'contract' : null, ...node.tags.map((t) => `#${t}`)].filter(
    (b): b is string => Boolean(b),
  );
  return el(
    'article',
    { class: 'node-page', 'data-node': node.id },
    el(
      'header',
      { class: 'node-header' },
      el('div', { class: 'crumbs' }, node.project, ' / ', node.resourceType),
      el('h1', {}, node.label),
      el('div', { class: 'badges' }, ...badges.map((b) => el('span', { class: 'badge' }, b))),
      el('div', { class: 'meta mono small' }, node.relation ? `relation ${node.relation}` : '', node.path ? `  ·  ${node.path}` : ''),
    ),
    node.description ? el('p', { class: 'description' }, node.description) : el('p', { class: 'description muted' }, 'No description yet — add one in the schema.ts next to this node.'),
    node.exposure?.url ? el('p', {}, el('a', { href: node.exposure.url, target: '_blank', rel: 'noopener' }, `Open ${node.exposure.type} ↗`)) : null,
    stats(node),
    node.columns.length > 0 ? el('section', { class: 'panel' }, el('h2', {}, `Columns (${node.columns.length})`), columnsTable(node)) : null,
    node.expectations.length > 0 ? el('section', { class: 'panel' }, el('h2', {}, `Expectations (${node.expectations.length})`), expectationsTable(node)) : null,
    el(
      'section',
      { class: 'panel neighbours' },
      el('div', { class: 'upstream' }, el('h2', {}, `Upstream (${node.upstream.length})`), node.upstream.length ? el('div', { class: 'links' }, ...node.upstream.map((id) => nodeLink(data, id))) : el('p', { class: 'muted' }, 'Nothing: this is where data enters.')),
      el('div', { class: 'downstream' }, el('h2', {}, `Downstream (${node.downstream.length})`), node.downstream.length ? el('div', { class: 'links' }, ...node.downstream.map((id) => nodeLink(data, id))) : el('p', { class: 'muted' }, 'Nothing reads it yet.')),
    ),
    sqlTabs(node),
  );
}

/** The home page: one card per project and the nodes that need attention. */
export function overviewPage(data: DocsData): HTMLElement {
  const problems = data.nodes.filter((n) => n.lastRun && (n.lastRun.status === 'error' || n.lastRun.status === 'skipped')).concat(data.nodes.filter((n) => n.expectations.some((e) => e.status === 'fail' || e.status === 'error' || e.status === 'warn')));
  return el(
    'article',
    { class: 'overview' },
    el('h1', {}, data.title),
    el('p', { class: 'muted' }, `Generated ${data.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}. Click a node in the lineage, or search, to open its page.`),
    el(
      'div',
      { class: 'cards' },
      ...data.projects.map((p) => {
        const own = data.nodes.filter((n) => n.project === p.name);
        const tests = own.flatMap((n) => n.expectations);
        return card(p.name, `${own.filter((n) => n.resourceType === 'model').length} models`, `${own.filter((n) => n.resourceType === 'source').length} sources · ${tests.length} expectations · last run ${timeAgo(p.lastRunAt)}`);
      }),
    ),
    problems.length > 0 ? el('section', { class: 'panel' }, el('h2', {}, 'Needs attention'), el('div', { class: 'links' }, ...[...new Set(problems.map((n) => n.id))].map((id) => nodeLink(data, id)))) : null,
  );
}
