import type { SelectorDefinition } from '../config/project-config.js';
import { selectNodes } from '../select/select-nodes.js';
import type { SelectorContext } from '../select/selector-methods.js';
import { compareManifests, loadSavedManifest } from '../state/compare-manifests.js';
import type { Workspace } from './load-workspace.js';

/** What picks nodes in every command: `--select`, `--exclude`, `--selector` and `--state`. */
export interface SelectionOptions {
  select?: string[];
  exclude?: string[];
  /** Named selector from `strata.config.ts`. */
  selector?: string;
  /** Folder holding a saved `manifest.json`, for `state:` selectors. */
  state?: string;
}

/** The selector context of a workspace: named selectors of every project, and the state comparison. */
export function selectorContext(workspace: Workspace, state?: string): SelectorContext {
  const selectors: Record<string, SelectorDefinition> = {};
  for (const project of workspace.projects) {
    for (const [name, definition] of Object.entries(project.config.selectors ?? {})) if (!(name in selectors)) selectors[name] = definition;
  }
  return { selectors, state: state ? compareManifests(workspace.dag, loadSavedManifest(state)) : undefined };
}

/**
 * The node ids a command's selection picks, across every loaded project.
 * @example selectWorkspace(ws, { select: ['state:modified+'], state: 'prod-target' })
 */
export function selectWorkspace(workspace: Workspace, options: SelectionOptions): Set<string> {
  return selectNodes(workspace.dag, { select: options.select, exclude: options.exclude, selector: options.selector, context: selectorContext(workspace, options.state) });
}
