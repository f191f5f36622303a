import dagre from '@dagrejs/dagre';
import type { DocsData, DocsNode } from '../docs-data.js';

/** A node placed by the layout: centre `x`, `y` and its box size. */
export interface PlacedNode {
  node: DocsNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A project's box around its nodes (drawn when several projects share the graph). */
export interface PlacedCluster {
  project: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The laid-out graph. */
export interface LineageLayout {
  nodes: Map<string, PlacedNode>;
  edges: Array<{ from: string; to: string; points: Array<{ x: number; y: number }> }>;
  clusters: PlacedCluster[];
  width: number;
  height: number;
}

export const NODE_HEIGHT = 30;

/**
 * Lays the lineage out left to right with dagre (a Sugiyama-style layered layout): sources and
 * seeds first, marts and exposures last; each project in its own box when there are several.
 */
export function layoutLineage(data: DocsData, measure: (text: string) => number): LineageLayout {
  const graph = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  graph.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: 64, edgesep: 6, marginx: 24, marginy: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  const clustered = data.projects.length > 1;
  if (clustered) for (const p of data.projects) graph.setNode(`cluster:${p.name}`, { label: p.name, paddingTop: 28, paddingLeft: 12, paddingRight: 12, paddingBottom: 12 } as never);
  for (const node of data.nodes) {
    graph.setNode(node.id, { width: Math.min(280, Math.max(96, measure(node.label) + 34)), height: NODE_HEIGHT });
    if (clustered) graph.setParent(node.id, `cluster:${node.project}`);
  }
  for (const [from, to] of data.edges) graph.setEdge(from, to);
  dagre.layout(graph);

  const nodes = new Map<string, PlacedNode>();
  for (const node of data.nodes) {
    const placed = graph.node(node.id) as unknown as { x: number; y: number; width: number; height: number };
    nodes.set(node.id, { node, x: placed.x, y: placed.y, width: placed.width, height: placed.height });
  }
  const clusters: PlacedCluster[] = clustered
    ? data.projects
        .map((p) => ({ project: p.name, box: graph.node(`cluster:${p.name}`) as unknown as { x: number; y: number; width: number; height: number } | undefined }))
        .filter((c) => c.box && c.box.width > 0)
        .map((c) => ({ project: c.project, x: c.box!.x - c.box!.width / 2, y: c.box!.y - c.box!.height / 2, width: c.box!.width, height: c.box!.height }))
    : [];
  const edges = data.edges.map(([from, to]) => ({ from, to, points: ((graph.edge(from, to) as unknown as { points?: Array<{ x: number; y: number }> })?.points ?? []).map((p) => ({ x: p.x, y: p.y })) }));
  const size = graph.graph() as { width?: number; height?: number };
  return { nodes, edges, clusters, width: size.width ?? 0, height: size.height ?? 0 };
}

/** A smooth SVG path through dagre's edge points (Catmull-Rom turned into cubic Béziers). */
export function edgePath(points: Array<{ x: number; y: number }>): string {
  if (points.length === 0) return '';
  if (points.length === 1) return `M${points[0]!.x},${points[0]!.y}`;
  let d = `M${points[0]!.x.toFixed(1)},${points[0]!.y.toFixed(1)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C${c1.x.toFixed(1)},${c1.y.toFixed(1)} ${c2.x.toFixed(1)},${c2.y.toFixed(1)} ${p2.x.toFixed(1)},${p2.y.toFixed(1)}`;
  }
  return d;
}

/** Every node reachable from `id` along `next` (not including `id`). */
export function reachable(id: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(next.get(id) ?? [])];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
  seen.delete(id);
  return seen;
}
