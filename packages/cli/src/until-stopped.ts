/**
 * Resolves when the process is asked to stop (Ctrl-C, SIGTERM) or `signal` aborts: how the
 * long-running commands (`docs serve`, `compile --watch`) end.
 */
export function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
}
