/**
 * Database files this process has open. DuckDB's own file lock is per process, so two adapters
 * of one process could both open a file and write it from two instances — which corrupts it.
 * This registry makes the second opener in a process wait, like a second process does.
 */
const held = new Map<string, Promise<void>>();

/** Thrown when the file stays held by this process until the deadline. */
export class HeldInProcessError extends Error {}

/**
 * Waits (until `deadline`, a Date.now() value) for `path` to be free in this process, takes it,
 * and returns the function that frees it.
 * @example const release = await acquireInProcess('/w.duckdb', Date.now() + 5000); try { … } finally { release(); }
 */
export async function acquireInProcess(path: string, deadline: number, onWait?: () => void): Promise<() => void> {
  let waited = false;
  for (;;) {
    const current = held.get(path);
    if (!current) {
      let release!: () => void;
      held.set(path, new Promise<void>((resolve) => (release = resolve)));
      let done = false;
      return () => {
        if (done) return;
        done = true;
        held.delete(path);
        release();
      };
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new HeldInProcessError(`${path} is open in this process`);
    if (!waited) onWait?.();
    waited = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([current, new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)))]);
    clearTimeout(timer);
  }
}
