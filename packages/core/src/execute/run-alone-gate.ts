/**
 * Lets a run's units share the warehouse, except those that must run alone: a node that ran out
 * of memory beside others is retried once with nothing else running. DuckDB's `memoryLimit` is
 * shared by every thread, so four large seed loads can each fail where one at a time fits.
 *
 * A unit runs `shared`; a unit asking to run `alone` stops new shared units from starting, waits
 * for the running ones to finish, runs, then lets the others go on. Units asking to run alone
 * take turns.
 */
export class RunAloneGate {
  private running = 0;
  private waitingAlone = 0;
  private turn: Promise<unknown> = Promise.resolve();
  private wakeups: Array<() => void> = [];

  /** Runs `work` beside the other shared units (after any unit that asked to run alone). */
  async shared<T>(work: () => Promise<T>): Promise<T> {
    while (this.waitingAlone > 0) await this.changed();
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.wake();
    }
  }

  /** Runs `work` with no other unit running. The caller must not be inside `shared`. */
  alone<T>(work: () => Promise<T>): Promise<T> {
    this.waitingAlone++;
    const mine = this.turn.then(async () => {
      while (this.running > 0) await this.changed();
      try {
        return await work();
      } finally {
        this.waitingAlone--;
        this.wake();
      }
    });
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.wakeups.push(resolve));
  }

  private wake(): void {
    for (const resolve of this.wakeups.splice(0)) resolve();
  }
}

/** Whether an error (or what caused it) says the warehouse ran out of memory. */
export function isOutOfMemory(error: unknown): boolean {
  for (let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.message === 'string' && /out of memory/i.test(e.message)) return true;
  }
  return false;
}
