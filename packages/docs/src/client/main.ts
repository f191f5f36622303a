import type { DocsData } from '../docs-data.js';
import { clear, el, nodeHref } from './dom.js';
import { LineageGraph } from './lineage-graph.js';
import { nodePage, overviewPage } from './node-page.js';
import { searchBox } from './search.js';
import { sidebar } from './sidebar.js';
import './style.css';

declare global {
  interface Window {
    STRATA_DOCS?: DocsData;
  }
}

/** Boots the site: header with search, sidebar, lineage panel, and the page the URL fragment names. */
function main(): void {
  const root = document.getElementById('app')!;
  const data = window.STRATA_DOCS;
  if (!data) {
    root.textContent = 'data.js is missing or empty: re-run `strata docs generate`.';
    return;
  }
  const go = (id: string) => {
    location.hash = nodeHref(id);
  };
  const graph = new LineageGraph(data, go);
  graph.onClearFocus = () => {
    location.hash = '#!/';
  };
  const page = el('main', { class: 'page' });
  const content = el('div', { class: 'content' }, graph.element, page);
  const nav = sidebar(data);
  const summary = `${data.projects.length} project${data.projects.length === 1 ? '' : 's'} · ${data.nodes.length} nodes`;
  clear(root);
  root.appendChild(
    el(
      'div',
      { class: 'layout' },
      el('header', { class: 'topbar' }, el('a', { class: 'brand', href: '#!/' }, el('span', { class: 'logo' }, '▤'), data.title), searchBox(data, go), el('span', { class: 'topbar-meta' }, summary)),
      nav,
      content,
    ),
  );

  const route = () => {
    const match = /^#!\/node\/(.+)$/.exec(location.hash);
    const id = match ? decodeURIComponent(match[1]!) : null;
    const node = id ? data.nodes.find((n) => n.id === id) : undefined;
    page.replaceChildren(node ? nodePage(data, node) : overviewPage(data));
    // The overview gives the whole lineage more room; a node page gives its own page more.
    content.classList.toggle('home', !node);
    for (const link of nav.querySelectorAll('.side-link')) link.classList.toggle('active', link.getAttribute('data-id') === node?.id);
    graph.focus(node?.id ?? null);
    document.title = node ? `${node.label} · ${data.title}` : data.title;
    page.scrollTop = 0;
  };
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => graph.focus(graph.focusedNode?.id ?? null));
  route();
}

main();
