import type { Dag } from '../graph/dag.js';
import type { ManifestNode, TestNode } from '../parse/manifest.js';

/**
 * One unit of orchestrated work: a `strata build --select …` over a few nodes of one project,
 * or a wait on another project's task. What `strata export airflow` turns into Airflow tasks.
 */
export interface TaskUnit {
  /** Airflow-safe task id: the node's name, `source__raw__orders`, `tests__fct_orders`, `wait__banking__dim_accounts`. */
  id: string;
  kind: 'seed' | 'model' | 'snapshot' | 'source' | 'tests' | 'external';
  /** Selectors passed to `strata build --select` (empty for `external`). */
  select: string[];
  /** Manifest nodes the task builds or tests. */
  nodeIds: string[];
  /** Task ids this one waits for. */
  upstream: string[];
  /** For `external`: the other project and its task id. */
  external?: { project: string; taskId: string };
  /** The node whose `airflow_pool` / `airflow_retries` config applies. */
  configNode?: ManifestNode;
}

/** A project's tasks and the projects its commands must load (itself plus those it refs). */
export interface TaskGraph {
  project: string;
  tasks: TaskUnit[];
  /** `[upstream, downstream]` task ids, sorted. */
  edges: Array<[string, string]>;
  projects: string[];
}

const runnable = (n: ManifestNode): boolean => n.resourceType === 'seed' || n.resourceType === 'snapshot' || (n.resourceType === 'model' && n.config.materialized !== 'ephemeral');

/** The task that runs `node` inside its own project, or undefined for sources without tests/seed and ephemeral models. */
function taskIdOf(dag: Dag, node: ManifestNode): string | undefined {
  if (runnable(node)) return node.name;
  if (node.resourceType !== 'source') return undefined;
  const seed = (dag.parents.get(node.uniqueId) ?? []).map((p) => dag.node(p)).find((p) => p.resourceType === 'seed');
  if (seed) return seed.name;
  const tested = (dag.children.get(node.uniqueId) ?? []).some((c) => (dag.node(c) as TestNode).attachedTo === node.uniqueId);
  return tested ? sourceTaskId(node) : undefined;
}

const sourceTaskId = (node: ManifestNode): string => `source__${(node as { sourceName: string }).sourceName}__${node.name}`;

/**
 * Collapses a project's manifest into orchestration tasks: one per seed (with the source tables
 * it fills), model, snapshot and tested source; tests that read only their node run inside that
 * node's task (`strata build` runs them right after it), tests that read several nodes get a
 * `tests__<node>` task after all of them. Edges follow the manifest through ephemeral models and
 * untested sources; a parent in another project becomes a `wait__<project>__<task>` sensor.
 *
 * @example const graph = projectTaskGraph(workspace.dag, 'ecommerce');
 */
export function projectTaskGraph(dag: Dag, project: string): TaskGraph {
  const own = [...dag.manifest.nodes.values()].filter((n) => n.project === project);
  const tasks = new Map<string, TaskUnit>();
  const projects = new Set([project]);
  // `--select name` matches every node of that name; add the resource type only when another node outside the task shares it.
  const nameClash = (n: ManifestNode, id: string) => own.some((o) => o !== n && o.name === n.name && o.resourceType !== 'test' && taskIdOf(dag, o) !== id);

  for (const node of own) {
    const id = taskIdOf(dag, node);
    if (!id) continue;
    const task = tasks.get(id) ?? { id, kind: node.resourceType === 'source' ? 'source' : (node.resourceType as TaskUnit['kind']), select: [], nodeIds: [], upstream: [] };
    const selector = node.resourceType === 'source' ? `source:${(node as { sourceName: string }).sourceName}.${node.name}` : nameClash(node, id) ? `${node.name},resource_type:${node.resourceType}` : node.name;
    task.nodeIds.push(node.uniqueId);
    task.select.push(selector);
    if (node.resourceType !== 'source') task.configNode = node;
    tasks.set(id, task);
  }
  // The seed's own selector first, then the sources it fills.
  for (const task of tasks.values()) {
    const order = (s: string) => (s.startsWith('source:') ? 1 : 0);
    task.select.sort((a, b) => order(a) - order(b));
  }

  const taskOfNode = new Map<string, string>();
  for (const task of tasks.values()) for (const id of task.nodeIds) taskOfNode.set(id, task.id);

  /** Upstream task ids of a parent node, walking through nodes that have no task. */
  const resolve = (id: string, seen = new Set<string>()): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    const node = dag.node(id);
    if (node.project !== project) {
      const foreign = taskIdOf(dag, node);
      if (foreign) {
        projects.add(node.project);
        const wait = `wait__${node.project}__${foreign}`;
        if (!tasks.has(wait)) tasks.set(wait, { id: wait, kind: 'external', select: [], nodeIds: [], upstream: [], external: { project: node.project, taskId: foreign } });
        return [wait];
      }
      projects.add(node.project);
      return (dag.parents.get(id) ?? []).flatMap((p) => resolve(p, seen));
    }
    const task = taskOfNode.get(id);
    if (task) return [task];
    return (dag.parents.get(id) ?? []).flatMap((p) => resolve(p, seen));
  };

  for (const task of [...tasks.values()]) {
    if (task.kind === 'external') continue;
    const upstream = new Set(task.nodeIds.flatMap((id) => (dag.parents.get(id) ?? []).flatMap((p) => resolve(p))));
    upstream.delete(task.id);
    task.upstream = [...upstream];
  }

  // Tests: inside their node's task when `strata build --select` picks them up there, else their own task.
  for (const node of own) {
    if (node.resourceType !== 'test') continue;
    const test = node as TestNode;
    const home = test.attachedTo ? taskOfNode.get(test.attachedTo) : undefined;
    const parents = dag.parents.get(test.uniqueId) ?? [];
    const inside = home && parents.every((p) => tasks.get(home)!.nodeIds.includes(p) || dag.node(p).resourceType === 'source' || dag.node(p).resourceType === 'seed');
    if (inside) continue;
    const anchor = test.attachedTo ? dag.node(test.attachedTo).name : test.name;
    const id = `tests__${anchor}`;
    const group = tasks.get(id) ?? { id, kind: 'tests' as const, select: [], nodeIds: [], upstream: [] };
    group.nodeIds.push(test.uniqueId);
    group.select.push(test.name);
    group.upstream = [...new Set([...group.upstream, ...parents.flatMap((p) => resolve(p))])].filter((u) => u !== id);
    tasks.set(id, group);
  }

  const list = [...tasks.values()].sort((a, b) => a.id.localeCompare(b.id));
  const edges = list.flatMap((t) => t.upstream.map((u) => [u, t.id] as [string, string])).sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  return { project, tasks: list, edges, projects: [...projects].sort((a, b) => (a === project ? -1 : b === project ? 1 : a.localeCompare(b))) };
}
