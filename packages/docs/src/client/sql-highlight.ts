import { el } from './dom.js';

const KEYWORDS = new Set(
  'select from where group by order having limit offset join left right inner outer full cross on as and or not in is null case when then else end with union all distinct over partition rows range between like ilike cast coalesce count sum min max avg true false asc desc insert into create table view replace using qualify window filter exists any interval extract'.split(
    ' ',
  ),
);

const TOKEN = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|\b\d+(?:\.\d+)?\b|\b[A-Za-z_][A-Za-z0-9_]*\b)/g;

/** A `<pre><code>` of SQL with keywords, strings, comments and Jinja tags in their own spans. */
export function highlightSql(sql: string): HTMLElement {
  const code = el('code');
  let last = 0;
  for (const match of sql.matchAll(TOKEN)) {
    const token = match[0];
    const index = match.index ?? 0;
    if (index > last) code.appendChild(document.createTextNode(sql.slice(last, index)));
    let kind: string | undefined;
    if (token.startsWith('{')) kind = 'tok-jinja';
    else if (token.startsWith('--') || token.startsWith('/*')) kind = 'tok-comment';
    else if (token.startsWith("'")) kind = 'tok-string';
    else if (token.startsWith('"')) kind = 'tok-ident';
    else if (/^\d/.test(token)) kind = 'tok-number';
    else if (KEYWORDS.has(token.toLowerCase())) kind = 'tok-keyword';
    code.appendChild(kind ? el('span', { class: kind }, token) : document.createTextNode(token));
    last = index + token.length;
  }
  if (last < sql.length) code.appendChild(document.createTextNode(sql.slice(last)));
  return el('pre', { class: 'sql' }, code);
}
