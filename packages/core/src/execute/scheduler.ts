/** What `skip` is told when the run stopped before a task could start (`--fail-fast`, or an abort signal). */
export const RUN_STOPPED = 'run stopped';

/** A unit of work with the units it waits for. */
export interface SchedulerTask<W> {
  id: string;
  dependsOn: string[];
  run: (worker: W) => Promise<'ok' | 'failed'>;
  /** Called instead of `run` when an upstream task failed (`because` names it) or the run stopped (`because` is RUN_STOPPED). */
  skip: (because: string) => void;
}

/**
 * Runs tasks in dependency order with at most `workers.length` at a time. A failed task skips
 * everything downstream of it; the rest of the graph goes on (no fail-fast unless asked). Once
 * `signal` aborts, nothing new starts: running tasks finish (the caller cancels their statements)
 * and every task not started is skipped with RUN_STOPPED.
 */
export async function schedule<W>(tasks: SchedulerTask<W>[], workers: W[], options: { failFast?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const task of tasks) {
    const deps = task.dependsOn.filter((d) => byId.has(d) && d !== task.id);
    waitingOn.set(task.id, deps.length);
    for (const d of deps) {
      const list = dependents.get(d) ?? [];
      list.push(task.id);
      dependents.set(d, list);
    }
  }
  const ready = tasks.filter((t) => waitingOn.get(t.id) === 0).map((t) => t.id);
  const idle = [...workers];
  const settled = new Set<string>();
  let running = 0;
  let stop = false;

  return new Promise<void>((resolve) => {
    const skipDownstream = (failed: string): void => {
      const stack = [...(dependents.get(failed) ?? [])];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (settled.has(id)) continue;
        settled.add(id);
        byId.get(id)!.skip(failed);
        stack.push(...(dependents.get(id) ?? []));
      }
    };
    const release = (id: string): void => {
      for (const child of dependents.get(id) ?? []) {
        if (settled.has(child)) continue;
        const remaining = waitingOn.get(child)! - 1;
        waitingOn.set(child, remaining);
        if (remaining === 0) ready.push(child);
      }
    };
    const pump = (): void => {
      if (options.signal?.aborted) stop = true;
      while (!stop && ready.length > 0 && idle.length > 0) {
        const id = ready.shift()!;
        if (settled.has(id)) continue;
        const worker = idle.pop()!;
        running++;
        byId.get(id)!
          .run(worker)
          .catch(() => 'failed' as const)
          .then((outcome) => {
            settled.add(id);
            running--;
            idle.push(worker);
            if (outcome === 'failed') {
              skipDownstream(id);
              if (options.failFast) stop = true;
            } else release(id);
            pump();
          });
      }
      if (running === 0 && (stop || ready.length === 0)) {
        for (const task of tasks) {
          if (!settled.has(task.id)) {
            settled.add(task.id);
            task.skip(stop ? RUN_STOPPED : 'unreachable');
          }
        }
        resolve();
      }
    };
    pump();
  });
}
