import type { NodeResult, RunEvent, StrataError } from '@strata/core';

/** One line of `--log-format json`: a timestamp, an event name and its fields. */
export function jsonLine(event: string, fields: Record<string, unknown>, now = new Date()): string {
  return JSON.stringify({ ts: now.toISOString(), event, ...fields });
}

/** The fields of a finished node, named like `run_results.json`. */
export function resultFields(result: NodeResult, compiledPath?: string): Record<string, unknown> {
  return {
    unique_id: result.uniqueId,
    name: result.name,
    resource_type: result.resourceType,
    project: result.project,
    status: result.status,
    started_at: result.startedAt,
    completed_at: result.completedAt,
    execution_time: result.executionTime,
    rows_affected: result.rowsAffected ?? null,
    failures: result.failures ?? null,
    message: result.message ?? null,
    error: result.error ? { type: result.error.type ?? null, code: result.error.code, file: result.error.file ?? null, line: result.error.line ?? null, hint: result.error.hint ?? null } : null,
    compiled_path: compiledPath ?? null,
  };
}

/** A run event as a JSON line (`node_started`, `node_finished`, …), or undefined for events not logged. */
export function runEventLine(event: RunEvent, compiledPath?: (result: NodeResult) => string | undefined): string {
  switch (event.type) {
    case 'run_started':
      return jsonLine('run_started', { total: event.total, threads: event.threads });
    case 'node_started':
      return jsonLine('node_started', { unique_id: event.uniqueId, name: event.name, resource_type: event.resourceType });
    case 'node_finished':
      return jsonLine('node_finished', { ...resultFields(event.result, compiledPath?.(event.result)), done: event.done, total: event.total });
    case 'node_retrying':
      return jsonLine('node_retrying', { unique_id: event.uniqueId, name: event.name, attempt: event.attempt, delay_ms: event.delayMs, message: event.message });
    case 'log':
      return jsonLine('log', { level: event.level, message: event.message });
    case 'run_finished':
      return jsonLine('run_finished', { elapsed: event.elapsed });
  }
}

/** A StrataError as a JSON `error` event. */
export function errorLine(error: StrataError): string {
  return jsonLine('error', { type: error.name, code: error.code, message: error.message, file: error.file ?? null, line: error.line ?? null, hint: error.hint ?? null });
}
