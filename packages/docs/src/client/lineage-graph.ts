import type { DocsData, DocsNode } from '../docs-data.js';
import { clear, el, svg } from './dom.js';
import { edgePath, layoutLineage, reachable, type LineageLayout } from './lineage-layout.js';
import { nodeHealth } from './node-health.js';

interface View {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.08;
const MAX_ZOOM = 2.5;

/**
 * The lineage panel: every node of every project laid out by dagre, drawn in SVG, with wheel
 * zoom, drag to pan, and click to focus a node's upstream and downstream (the rest dims).
 */
export class LineageGraph {
  readonly element: HTMLElement;
  private readonly svgRoot: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private readonly layout: LineageLayout;
  private readonly parents = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();
  private readonly nodeEls = new Map<string, SVGGElement>();
  private readonly edgeEls: Array<{ from: string; to: string; path: SVGPathElement }> = [];
  private view: View = { x: 0, y: 0, k: 1 };
  private focused: string | null = null;
  private readonly status: HTMLElement;

  constructor(
    private readonly data: DocsData,
    private readonly onSelect: (id: string) => void,
  ) {
    const context = document.createElement('canvas').getContext('2d');
    if (context) context.font = '600 12px system-ui, -apple-system, "Segoe UI", sans-serif';
    this.layout = layoutLineage(data, (text) => (context ? context.measureText(text).width : text.length * 7));
    for (const [from, to] of data.edges) {
      this.children.set(from, [...(this.children.get(from) ?? []), to]);
      this.parents.set(to, [...(this.parents.get(to) ?? []), from]);
    }
    this.viewport = svg('g', { class: 'viewport' });
    this.svgRoot = svg(
      'svg',
      { class: 'lineage-svg', role: 'img', 'aria-label': 'Lineage graph' },
      svg(
        'defs',
        {},
        svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' })),
        svg('marker', { id: 'arrow-lit', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-lit' })),
      ),
      this.viewport,
    );
    this.status = el('span', { class: 'lineage-status' });
    const button = (label: string, title: string, action: () => void) => el('button', { type: 'button', class: 'tool', title, 'aria-label': title, onclick: action }, label);
    const legend = el(
      'div',
      { class: 'legend' },
      ...['source', 'seed', 'staging', 'intermediate', 'marts', 'exposure'].map((layer) => el('span', { class: `legend-item layer-${layer}` }, el('i'), layer)),
    );
    this.element = el(
      'section',
      { class: 'lineage', 'aria-label': 'Lineage' },
      el(
        'div',
        { class: 'lineage-toolbar' },
        el('strong', {}, 'Lineage'),
        this.status,
        el('span', { class: 'spacer' }),
        legend,
        button('−', 'Zoom out', () => this.zoomBy(1 / 1.3)),
        button('+', 'Zoom in', () => this.zoomBy(1.3)),
        button('Fit', 'Fit the whole graph', () => this.fit()),
        button('Show all', 'Clear the focus', () => this.onClearFocus()),
      ),
      this.svgRoot,
    );
    this.draw();
    this.bindPanZoom();
  }

  /** Called by "Show all"; the app sets it to navigate home. */
  onClearFocus: () => void = () => this.focus(null);

  private draw(): void {
    clear(this.viewport);
    for (const cluster of this.layout.clusters) {
      this.viewport.appendChild(
        svg('g', { class: 'cluster' }, svg('rect', { x: cluster.x, y: cluster.y, width: cluster.width, height: cluster.height, rx: 10 }), svg('text', { x: cluster.x + 12, y: cluster.y + 18 }, cluster.project)),
      );
    }
    const edges = svg('g', { class: 'edges' });
    for (const edge of this.layout.edges) {
      const path = svg('path', { d: edgePath(edge.points), class: 'edge', 'marker-end': 'url(#arrow)' });
      edges.appendChild(path);
      this.edgeEls.push({ from: edge.from, to: edge.to, path });
    }
    this.viewport.appendChild(edges);
    const nodes = svg('g', { class: 'nodes' });
    for (const placed of this.layout.nodes.values()) {
      const { node, x, y, width, height } = placed;
      const health = nodeHealth(node);
      const g = svg(
        'g',
        { class: `node layer-${node.layer}`, 'data-id': node.id, 'data-name': node.name, transform: `translate(${(x - width / 2).toFixed(1)},${(y - height / 2).toFixed(1)})`, tabindex: 0, role: 'button' },
        svg('title', {}, `${node.resourceType} ${node.project}.${node.label}${node.description ? `\n${node.description}` : ''}`),
        svg('rect', { class: 'node-box', width, height, rx: 6 }),
        svg('rect', { class: 'node-bar', width: 5, height, rx: 2 }),
        svg('text', { x: 13, y: height / 2 + 4 }, node.label),
        svg('circle', { class: `node-health health-${health}`, cx: width - 10, cy: height / 2, r: 4 }),
      );
      g.addEventListener('keydown', (event) => {
        if ((event as KeyboardEvent).key === 'Enter') this.onSelect(node.id);
      });
      this.nodeEls.set(node.id, g);
      nodes.appendChild(g);
    }
    this.viewport.appendChild(nodes);
    this.status.textContent = `${this.data.nodes.length} nodes · ${this.data.edges.length} edges`;
  }

  private bindPanZoom(): void {
    let drag: { x: number; y: number; vx: number; vy: number; moved: boolean; target: string | null } | null = null;
    this.svgRoot.addEventListener('pointerdown', (event) => {
      const target = (event.target as Element).closest('.node')?.getAttribute('data-id') ?? null;
      drag = { x: event.clientX, y: event.clientY, vx: this.view.x, vy: this.view.y, moved: false, target };
    });
    window.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      this.svgRoot.classList.add('panning');
      this.setView({ x: drag.vx + dx, y: drag.vy + dy, k: this.view.k });
    });
    window.addEventListener('pointerup', () => {
      if (drag && !drag.moved && drag.target) this.onSelect(drag.target);
      drag = null;
      this.svgRoot.classList.remove('panning');
    });
    this.svgRoot.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const box = this.svgRoot.getBoundingClientRect();
        this.zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
      },
      { passive: false },
    );
  }

  private setView(view: View): void {
    this.view = view;
    this.viewport.setAttribute('transform', `translate(${view.x.toFixed(1)},${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`);
  }

  private zoomAt(factor: number, cx: number, cy: number): void {
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.view.k * factor));
    const ratio = k / this.view.k;
    this.setView({ x: cx - (cx - this.view.x) * ratio, y: cy - (cy - this.view.y) * ratio, k });
  }

  /** Zooms around the centre of the panel. */
  zoomBy(factor: number): void {
    this.zoomAt(factor, this.svgRoot.clientWidth / 2, this.svgRoot.clientHeight / 2);
  }

  /** Fits the given nodes (default: all) into the panel. */
  fit(ids?: Iterable<string>): void {
    const width = this.svgRoot.clientWidth;
    const height = this.svgRoot.clientHeight;
    if (width === 0 || height === 0) return;
    const placed = ids ? [...ids].map((id) => this.layout.nodes.get(id)).filter((p) => p !== undefined) : [...this.layout.nodes.values()];
    if (placed.length === 0) return;
    const x0 = Math.min(...placed.map((p) => p.x - p.width / 2));
    const x1 = Math.max(...placed.map((p) => p.x + p.width / 2));
    const y0 = Math.min(...placed.map((p) => p.y - p.height / 2));
    const y1 = Math.max(...placed.map((p) => p.y + p.height / 2));
    const pad = 36;
    const k = Math.min(MAX_ZOOM, 1.25, Math.max(MIN_ZOOM, Math.min((width - pad * 2) / (x1 - x0), (height - pad * 2) / (y1 - y0))));
    this.setView({ x: width / 2 - ((x0 + x1) / 2) * k, y: height / 2 - ((y0 + y1) / 2) * k, k });
  }

  /** Highlights a node with everything upstream and downstream of it, dims the rest, and zooms to them. */
  focus(id: string | null): void {
    this.focused = id && this.nodeEls.has(id) ? id : null;
    const up = this.focused ? reachable(this.focused, this.parents) : new Set<string>();
    const down = this.focused ? reachable(this.focused, this.children) : new Set<string>();
    for (const [nodeId, g] of this.nodeEls) {
      g.classList.toggle('is-focus', nodeId === this.focused);
      g.classList.toggle('is-up', up.has(nodeId));
      g.classList.toggle('is-down', down.has(nodeId));
      g.classList.toggle('is-dim', this.focused !== null && nodeId !== this.focused && !up.has(nodeId) && !down.has(nodeId));
    }
    const lit = (from: string, to: string) => this.focused !== null && (((up.has(from) || from === this.focused) && (up.has(to) || to === this.focused) && from !== this.focused) || ((down.has(to) || to === this.focused) && (down.has(from) || from === this.focused) && to !== this.focused));
    for (const edge of this.edgeEls) {
      const on = lit(edge.from, edge.to);
      edge.path.classList.toggle('is-lit', on);
      edge.path.classList.toggle('is-dim', this.focused !== null && !on);
      edge.path.setAttribute('marker-end', on ? 'url(#arrow-lit)' : 'url(#arrow)');
    }
    if (this.focused) {
      this.status.textContent = `${this.data.nodes.find((n) => n.id === this.focused)?.label}: ${up.size} upstream · ${down.size} downstream`;
      this.fit([this.focused, ...up, ...down]);
    } else {
      this.status.textContent = `${this.data.nodes.length} nodes · ${this.data.edges.length} edges`;
      this.fit();
    }
  }

  /** The node currently focused. */
  get focusedNode(): DocsNode | undefined {
    return this.data.nodes.find((n) => n.id === this.focused);
  }
}
