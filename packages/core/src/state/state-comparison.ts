/** Why a node counts as modified against the saved state (dbt's `state:modified.<reason>`). */
export type ModifiedReason = 'body' | 'configs' | 'schema' | 'macros';

/** The difference between the current project and a saved manifest. */
export interface StateComparison {
  /** Nodes absent from the saved manifest. */
  added: Set<string>;
  /** Nodes present in both whose definition changed, with every reason that applies. */
  modified: Map<string, Set<ModifiedReason>>;
  /** Every node id of the saved manifest (for `state:old`). */
  saved: Set<string>;
}

export const MODIFIED_REASONS: readonly ModifiedReason[] = ['body', 'configs', 'schema', 'macros'];
