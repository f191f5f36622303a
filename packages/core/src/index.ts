/**
 * @strata/core — load → parse → graph → select → compile → execute → artifacts.
 * No warehouse driver lives here; adapters plug in through the `Adapter` interfaces.
 */
export { defineProject } from './config/project-config.js';
export type { ProjectConfig, FolderConfig, TargetConfig, SourceConfig, SeedsConfig, Materialization } from './config/project-config.js';
export { defineSchemas, ref } from './config/define-schemas.js';
export type { FolderSchemas, ModelSchema, SourceTableSchema, StrataColumnMeta, ColumnReference, CheckSpec } from './config/define-schemas.js';

export { StrataError, ParseError, CompilationError, ConfigError, SelectorError, ContractError, SeedError, DependencyCycleError, AdapterError, StrataErrors } from './errors/strata-error.js';
export { didYouMean } from './errors/did-you-mean.js';

export type { Adapter, AdapterCapabilities, AdapterFactory } from './adapter/adapter.js';
export type { Connection, Introspector, ExecuteResult } from './adapter/connection.js';
export type { Dialect, DatePart, LogicalType } from './adapter/dialect.js';
export type { Materializer, MaterializeResult, SeedColumn, SeedOptions, TableOptions } from './adapter/materializer.js';
export { TEMP_PREFIX, temporaryRelation } from './adapter/materializer.js';
export { SqlMaterializer } from './adapter/sql-materializer.js';
export type { RelationRef, RelationKind, ColumnInfo } from './adapter/relation.js';

export { loadProject, loadProjectConfig, CONFIG_FILE } from './load/load-project.js';
export type { LoadedProject, ProjectFile } from './load/load-project.js';
export { findWorkspaceRoot } from './load/workspace-root.js';
export { extractCalls } from './parse/extract-calls.js';
export { parseProject } from './parse/parse-project.js';
export { buildManifest } from './parse/build-manifest.js';
export type { Manifest, ManifestNode, ModelNode, SeedNode, SourceNode, TestNode, ColumnSpec, NodeConfig, ResourceType, ProjectInfo } from './parse/manifest.js';
export { Dag } from './graph/dag.js';
export { parseSelector } from './select/selector-tree.js';
export { selectNodes } from './select/select-nodes.js';
export type { SelectOptions } from './select/select-nodes.js';

export { Compiler } from './compile/compiler.js';
export type { CompiledNode, CompileOptions } from './compile/compiler.js';
export { crossDatabaseMacros } from './compile/cross-db-macros.js';

export { collectChecks } from './expectations/collect-checks.js';
export type { CheckDefinition } from './expectations/check-definition.js';
export { compileSuite } from './expectations/compile-suite.js';
export type { ExpectationResult } from './expectations/expectation-result.js';
export { verifyContract, typeMatches } from './expectations/contract.js';

export { schedule } from './execute/scheduler.js';
export { runGraph, planUnits } from './execute/run-graph.js';
export type { NodeResult, NodeStatus, RunEvent } from './execute/node-result.js';

export { writeArtifacts, manifestJson, runResultsJson, writeJsonAtomic } from './artifacts/write-artifacts.js';

export { loadWorkspace, resolveTarget } from './workspace/load-workspace.js';
export type { Workspace, WorkspaceOptions } from './workspace/load-workspace.js';
export { runCommand, openAdapter, adapterFactory } from './workspace/run-command.js';
export type { RunCommandOptions, RunSummary, StrataCommand } from './workspace/run-command.js';
