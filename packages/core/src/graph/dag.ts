import { DependencyCycleError } from '../errors/strata-error.js';
import type { Manifest, ManifestNode } from '../parse/manifest.js';

/**
 * The dependency graph over a manifest: parents (what a node reads) and children (what reads
 * it). Built once; selection and the scheduler only read it.
 */
export class Dag {
  readonly parents = new Map<string, string[]>();
  readonly children = new Map<string, string[]>();

  constructor(readonly manifest: Manifest) {
    for (const id of manifest.nodes.keys()) {
      this.parents.set(id, []);
      this.children.set(id, []);
    }
    for (const node of manifest.nodes.values()) {
      for (const parent of node.dependsOn) {
        if (!this.parents.has(parent)) continue;
        this.parents.get(node.uniqueId)!.push(parent);
        this.children.get(parent)!.push(node.uniqueId);
      }
    }
    this.assertAcyclic();
  }

  node(id: string): ManifestNode {
    const node = this.manifest.nodes.get(id);
    if (!node) throw new Error(`unknown node ${id}`);
    return node;
  }

  /** Every node reachable upstream (depth-limited when `depth` is given), not including `id`. */
  ancestors(id: string, depth = Infinity): Set<string> {
    return this.walk(id, this.parents, depth);
  }

  descendants(id: string, depth = Infinity): Set<string> {
    return this.walk(id, this.children, depth);
  }

  private walk(start: string, edges: Map<string, string[]>, depth: number): Set<string> {
    const seen = new Set<string>();
    let frontier = [start];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const other of edges.get(id) ?? []) {
          if (!seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    seen.delete(start);
    return seen;
  }

  /** Node ids in an order where every parent precedes its children. */
  topologicalOrder(ids: Iterable<string> = this.manifest.nodes.keys()): string[] {
    const wanted = new Set(ids);
    const indegree = new Map<string, number>();
    for (const id of wanted) indegree.set(id, (this.parents.get(id) ?? []).filter((p) => wanted.has(p)).length);
    const ready = [...wanted].filter((id) => indegree.get(id) === 0).sort();
    const order: string[] = [];
    while (ready.length > 0) {
      const id = ready.shift()!;
      order.push(id);
      for (const child of this.children.get(id) ?? []) {
        if (!wanted.has(child)) continue;
        const remaining = indegree.get(child)! - 1;
        indegree.set(child, remaining);
        if (remaining === 0) ready.push(child);
      }
    }
    return order;
  }

  /** Throws DependencyCycleError naming the cycle's path (iterative DFS, safe at 50k nodes). */
  private assertAcyclic(): void {
    const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
    for (const root of this.parents.keys()) {
      if (state.has(root)) continue;
      const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
      state.set(root, 1);
      while (stack.length > 0) {
        const frame = stack[stack.length - 1]!;
        const parents = this.parents.get(frame.id)!;
        if (frame.next < parents.length) {
          const parent = parents[frame.next++]!;
          const s = state.get(parent);
          if (s === 1) {
            const ids = stack.map((f) => f.id);
            const cycle = [...ids.slice(ids.indexOf(parent)), parent].reverse();
            const first = this.node(cycle[0]!);
            throw new DependencyCycleError(cycle.map((id) => this.node(id).name), { file: first.file, line: 1 });
          }
          if (s === undefined) {
            state.set(parent, 1);
            stack.push({ id: parent, next: 0 });
          }
        } else {
          state.set(frame.id, 2);
          stack.pop();
        }
      }
    }
  }
}
