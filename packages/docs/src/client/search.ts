import type { DocsData, DocsNode } from '../docs-data.js';
import { clear, el } from './dom.js';

/** One search hit: the node and why it matched. */
export interface SearchHit {
  node: DocsNode;
  score: number;
  why: string;
}

/**
 * Ranks nodes for a query: exact name, then name prefix, name substring, column name, tag and
 * description matches. Every word of the query must match somewhere.
 */
export function searchNodes(data: DocsData, query: string, limit = 12): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const node of data.nodes) {
    const name = node.label.toLowerCase();
    let score = 0;
    let why = '';
    let all = true;
    for (const word of words) {
      const column = node.columns.find((c) => c.name.toLowerCase().includes(word));
      if (name === word || node.name.toLowerCase() === word) score += 100;
      else if (name.startsWith(word)) score += 60;
      else if (name.includes(word)) score += 40;
      else if (column) {
        score += 20;
        why ||= `column ${column.name}`;
      } else if (node.tags.some((t) => t.toLowerCase().includes(word))) {
        score += 15;
        why ||= 'tag';
      } else if (node.description.toLowerCase().includes(word) || node.project.toLowerCase() === word) {
        score += 10;
        why ||= node.description;
      } else all = false;
    }
    if (all && score > 0) hits.push({ node, score, why });
  }
  return hits.sort((a, b) => b.score - a.score || a.node.label.length - b.node.label.length).slice(0, limit);
}

/** The search box with its result list; `onPick` opens a node. */
export function searchBox(data: DocsData, onPick: (id: string) => void): HTMLElement {
  const input = el('input', { type: 'search', class: 'search-input', placeholder: 'Search models, sources, columns…  ( / )', 'aria-label': 'Search', autocomplete: 'off', spellcheck: 'false' });
  const list = el('ul', { class: 'search-results', role: 'listbox', hidden: true });
  let hits: SearchHit[] = [];
  let active = 0;
  const render = () => {
    clear(list);
    list.hidden = hits.length === 0 && input.value.trim() === '';
    if (hits.length === 0 && input.value.trim() !== '') list.appendChild(el('li', { class: 'search-empty' }, 'No match'));
    hits.forEach((hit, i) => {
      const item = el(
        'li',
        { class: `search-hit${i === active ? ' active' : ''}`, role: 'option', 'data-id': hit.node.id },
        el('span', { class: `dot layer-${hit.node.layer}` }),
        el('span', { class: 'hit-name' }, hit.node.label),
        el('span', { class: 'hit-kind' }, `${hit.node.resourceType} · ${hit.node.project}`),
        hit.why ? el('span', { class: 'hit-why' }, hit.why.length > 70 ? `${hit.why.slice(0, 70)}…` : hit.why) : null,
      );
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(hit.node.id);
      });
      list.appendChild(item);
    });
  };
  const pick = (id: string) => {
    input.value = '';
    hits = [];
    render();
    input.blur();
    onPick(id);
  };
  input.addEventListener('input', () => {
    hits = searchNodes(data, input.value);
    active = 0;
    render();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % Math.max(1, hits.length);
      render();
    } else if (event.key === 'Enter' && hits[active]) pick(hits[active]!.node.id);
    else if (event.key === 'Escape') {
      input.value = '';
      hits = [];
      render();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => (list.hidden = true), 100));
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement !== input) {
      event.preventDefault();
      input.focus();
    }
  });
  return el('div', { class: 'search' }, input, list);
}
