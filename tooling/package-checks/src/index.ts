/** Helpers of the package checks: which packages are published, and what npm would ship of each. */
export { publishablePackages, workspaceRoot } from './workspace-packages.js';
export type { WorkspacePackage } from './workspace-packages.js';
export { packPackage, tarballFiles } from './pack.js';
