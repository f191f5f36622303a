import type { DocsData, DocsLayer } from '../docs-data.js';
import { el, nodeHref } from './dom.js';
import { nodeHealth } from './node-health.js';

const GROUPS: Array<[string, DocsLayer[]]> = [
  ['Sources', ['source']],
  ['Seeds', ['seed']],
  ['Staging', ['staging']],
  ['Intermediate', ['intermediate']],
  ['Marts', ['marts']],
  ['Other models', ['model']],
  ['Snapshots', ['snapshot']],
  ['Exposures', ['exposure']],
];

/** The navigation tree: project → layer → node links (with a health dot each). */
export function sidebar(data: DocsData): HTMLElement {
  return el(
    'nav',
    { class: 'sidebar', 'aria-label': 'Nodes' },
    el('a', { class: 'home-link', href: '#!/' }, 'Overview'),
    ...data.projects.map((project) =>
      el(
        'details',
        { class: 'project-group', open: data.projects.length <= 2 },
        el('summary', {}, project.name, el('small', {}, ` ${project.nodes}`)),
        ...GROUPS.map(([title, layers]) => {
          const nodes = data.nodes.filter((n) => n.project === project.name && layers.includes(n.layer)).sort((a, b) => a.label.localeCompare(b.label));
          if (nodes.length === 0) return null;
          return el(
            'div',
            { class: 'layer-group' },
            el('div', { class: 'layer-title' }, title),
            ...nodes.map((n) => el('a', { class: 'side-link', href: nodeHref(n.id), 'data-id': n.id }, el('span', { class: `health health-${nodeHealth(n)}` }), n.label)),
          );
        }),
      ),
    ),
  );
}
