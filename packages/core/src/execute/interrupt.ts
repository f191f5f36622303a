/**
 * What stopped a run, for messages: the abort reason when it is a name (`'SIGINT'`, `'SIGTERM'`,
 * as the CLI passes it), else `'aborted'`; undefined while the signal has not aborted.
 * @example interruptReason(AbortSignal.abort('SIGTERM')) // 'SIGTERM'
 */
export function interruptReason(signal: AbortSignal | undefined): string | undefined {
  if (!signal?.aborted) return undefined;
  return typeof signal.reason === 'string' ? signal.reason : 'aborted';
}
