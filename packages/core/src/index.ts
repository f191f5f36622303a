/**
 * @strata/core — load → parse → graph → select → compile → execute → artifacts.
 * No warehouse driver lives here; adapters plug in through the `Adapter` interfaces.
 */
export { defineProject } from './config/project-config.js';
export type { ProjectConfig, FolderConfig, TargetConfig, SourceConfig, SeedsConfig, Materialization, SnapshotsConfig, SelectorDefinition, RetryConfig, FreshnessConfig, FreshnessSpan } from './config/project-config.js';
export { defineSchemas, ref } from './config/define-schemas.js';
export { defineModel, isTsModelDefinition, rowType } from './config/define-model.js';
export type { RowType, TsModelDefinition, TsModelConfig, ModelContext, ModelInput, InputRow, ModelTables, CompilableQuery } from './config/define-model.js';
export type { ModelAccess } from './config/model-access.js';
/** Kysely's `sql` tag, for expressions inside TypeScript models: sql<number>`count(distinct ${eb.ref('customer_id')})`. */
export { sql } from 'kysely';
export { kyselySql, ANSI_QUOTING } from './compile/kysely-sql.js';
export { databaseTypes, DATABASE_TYPES_FILE } from './codegen/database-types.js';
export type { DatabaseTypesResult } from './codegen/database-types.js';
export { projectDependencies } from './load/project-dependencies.js';
export type { SqlQuoting, TableName, TableResolver } from './compile/kysely-sql.js';
export type { FolderSchemas, ModelSchema, SourceTableSchema, StrataColumnMeta, ColumnReference, CheckSpec } from './config/define-schemas.js';
export type { ColumnExpectations, ColumnCheckOptions, CommonCheckOptions, TableCheckSpec, Bounds, SetValues, FreshnessPart } from './config/check-specs.js';

export { StrataError, ParseError, CompilationError, ConfigError, SelectorError, ContractError, SeedError, DependencyCycleError, AdapterError, StrataErrors, InterruptedError, PiiPolicyError } from './errors/strata-error.js';
export { interruptReason } from './execute/interrupt.js';
export { Redactor, REDACTED } from './security/redactor.js';
export { checkPiiPolicy } from './lineage/check-pii-policy.js';
export { modelLineage, DEFAULT_MASKING_FUNCTIONS } from './lineage/model-lineage.js';
export type { ModelLineage, NodeColumnLineage } from './lineage/model-lineage.js';
export { piiFlow, piiViolations } from './lineage/pii-policy.js';
export type { PiiPolicyConfig, PiiFlow } from './lineage/pii-policy.js';
export { SelectLineage } from './lineage/select-lineage.js';
export type { ColumnOrigin, LineageColumn, ColumnsOf } from './lineage/select-lineage.js';
export type { SqlParser } from './lineage/sql-parser.js';
export { secretValues, SECRET_NAME, SECRET_ENV_PREFIXES } from './security/secret-values.js';
export { didYouMean } from './errors/did-you-mean.js';

export type { Adapter, AdapterCapabilities, AdapterFactory, AdapterOpenContext } from './adapter/adapter.js';
export type { Connection, Introspector, ExecuteResult } from './adapter/connection.js';
export type { Dialect, DatePart, LogicalType } from './adapter/dialect.js';
export type { Materializer, MaterializeResult, SeedColumn, SeedOptions, TableOptions, IncrementalOptions, IncrementalStrategy, OnSchemaChange, SnapshotOptions, SnapshotColumnNames, NodeIdentity } from './adapter/materializer.js';
export { TEMP_PREFIX, temporaryRelation } from './adapter/materializer.js';
export { SqlMaterializer } from './adapter/sql-materializer.js';
export { materializeIncremental } from './execute/materializations/incremental.js';
export { materializeSnapshot } from './execute/materializations/snapshot.js';
export { planSchemaChange } from './execute/materializations/schema-change.js';
export type { SchemaChangePlan } from './execute/materializations/schema-change.js';
export { incrementalStatements, alterStatements } from './execute/materializations/incremental-sql.js';
export { SnapshotSql } from './execute/materializations/snapshot-sql.js';
export type { MaterializationContext } from './execute/materializations/materialization-context.js';
export type { RelationRef, RelationKind, ColumnInfo } from './adapter/relation.js';

export { loadProject, loadProjectConfig, CONFIG_FILE } from './load/load-project.js';
export type { LoadedProject, ProjectFile } from './load/load-project.js';
export { findWorkspaceRoot } from './load/workspace-root.js';
export { extractCalls } from './parse/extract-calls.js';
export { parseProject } from './parse/parse-project.js';
export { buildManifest } from './parse/build-manifest.js';
export type { Manifest, ManifestNode, ModelNode, SeedNode, SourceNode, TestNode, ColumnSpec, NodeConfig, ResourceType, ProjectInfo } from './parse/manifest.js';
export { Dag } from './graph/dag.js';
export { parseSelector, selectorDefinitionTree } from './select/selector-tree.js';
export type { SelectorTree, Criterion } from './select/selector-tree.js';
export type { SelectorContext } from './select/selector-methods.js';
export { selectNodes } from './select/select-nodes.js';
export type { SelectOptions } from './select/select-nodes.js';

export { Compiler } from './compile/compiler.js';
export type { CompiledNode, CompileOptions, RenderFlags } from './compile/compiler.js';
export { crossDatabaseMacros } from './compile/cross-db-macros.js';

export { collectChecks } from './expectations/collect-checks.js';
export type { CollectedCheck, CollectedSchema } from './expectations/collect-checks.js';
export { sharesScan, expectationType, ROW_CHECKS, AGGREGATE_CHECKS } from './expectations/check-definition.js';
export type { CheckDefinition, CheckKind, CheckOptions, AggregateStat } from './expectations/check-definition.js';
export { compileSuite } from './expectations/compile-suite.js';
export type { CompiledSuite, ScanCheck, PlannedCheck } from './expectations/compile-suite.js';
export { compileExpectations } from './expectations/compile-expectations.js';
export { runScanChecks } from './expectations/run-scan.js';
export type { ScanOutcome, ScanOptions } from './expectations/run-scan.js';
export type { ExpectationResult } from './expectations/expectation-result.js';
export { translateJsRegex } from './expectations/translate-regex.js';
export type { RegexFlavor } from './expectations/translate-regex.js';
export { checkStatus, parseThreshold } from './expectations/thresholds.js';
export type { CheckStatus, Threshold } from './expectations/thresholds.js';
export { auditRelation } from './expectations/audit-relation.js';
export { validateSeed, findSeedProblems } from './expectations/validate-seed.js';
export type { SeedProblem } from './expectations/validate-seed.js';
export { readZodColumn } from './expectations/zod-walk.js';
export type { ZodColumnFacts } from './expectations/zod-walk.js';
export { defineUnitTests } from './expectations/unit/define-unit-test.js';
export type { UnitTestDefinition, UnitRow } from './expectations/unit/define-unit-test.js';
export { runUnitTests, loadUnitTests } from './expectations/unit/run-unit-tests.js';
export type { UnitTestResult, UnitTestOptions } from './expectations/unit/run-unit-tests.js';
export { verifyContract, typeMatches } from './expectations/contract.js';

export { schedule } from './execute/scheduler.js';
export { runGraph, planUnits } from './execute/run-graph.js';
export { withRetry, isTransient, backoffDelay, resolveRetryPolicy, DEFAULT_RETRY_POLICY } from './execute/retry.js';
export type { RetryPolicy } from './execute/retry.js';
export { incrementalConfig, snapshotConfig, hooksOf } from './parse/materialization-config.js';
export type { IncrementalConfig, SnapshotConfig } from './parse/materialization-config.js';
export { splitSnapshotFile } from './parse/parse-snapshots.js';
export { projectMacros, macroDependencies } from './parse/macro-dependencies.js';
export type { MacroDefinition } from './parse/macro-dependencies.js';
export { compareManifests, loadSavedManifest } from './state/compare-manifests.js';
export type { SavedManifest } from './state/compare-manifests.js';
export type { StateComparison, ModifiedReason } from './state/state-comparison.js';
export { freshnessStatus, spanSeconds } from './freshness/freshness-status.js';
export type { FreshnessStatus } from './freshness/freshness-status.js';
export { checkFreshness, hasFreshness } from './freshness/source-freshness.js';
export type { FreshnessResult } from './freshness/source-freshness.js';
export { sourcesJson } from './freshness/sources-json.js';
export type { NodeResult, NodeStatus, RunEvent } from './execute/node-result.js';

export { writeArtifacts, manifestJson, runResultsJson, writeJsonAtomic } from './artifacts/write-artifacts.js';

export { loadWorkspace, resolveTarget } from './workspace/load-workspace.js';
export type { Workspace, WorkspaceOptions } from './workspace/load-workspace.js';
export { runCommand, openAdapter, adapterFactory } from './workspace/run-command.js';
export { compileWorkspace } from './workspace/compile-workspace.js';
export type { CompileWorkspaceOptions, CompileWorkspaceResult } from './workspace/compile-workspace.js';
export { PARTIAL_PARSE_FILE } from './parse/partial-parse/partial-parse-state.js';
export { selectWorkspace, selectorContext } from './workspace/select-workspace.js';
export type { SelectionOptions } from './workspace/select-workspace.js';
export { retryCommand, readPreviousRun } from './workspace/retry-command.js';
export type { RetrySummary } from './workspace/retry-command.js';
export { freshnessCommand } from './workspace/freshness-command.js';
export type { FreshnessCommandOptions, FreshnessSummary } from './workspace/freshness-command.js';
export type { RunCommandOptions, RunSummary, StrataCommand } from './workspace/run-command.js';
export { catalogJson } from './artifacts/catalog-json.js';
export { compiledPath, artifactMetadata } from './artifacts/write-artifacts.js';
export type { CatalogJson, CatalogTable } from './artifacts/catalog-json.js';
export type { ExposureConfig, ExposureOwner, ExposureType, ExportsConfig, AirflowExportConfig, LookmlExportConfig } from './config/exposure-config.js';
export type { ExposureNode } from './parse/manifest.js';
export { projectTaskGraph } from './exports/task-graph.js';
export type { TaskGraph, TaskUnit } from './exports/task-graph.js';
export { airflowDag } from './exports/airflow-dag.js';
export type { AirflowExportOptions } from './exports/airflow-dag.js';
export { lookmlProject, lookmlView, lookmlModel, publicModels } from './exports/lookml.js';
export type { LookmlOptions } from './exports/lookml.js';

// dbt projects: read unchanged, and migrated to Strata's form.
export { isDbtProject, readDbtProjectFile, DBT_PROJECT_FILE } from './dbt/dbt-project-file.js';
export type { DbtProjectFile } from './dbt/dbt-project-file.js';
export { loadDbtProject, isDbtLoaded } from './dbt/load-dbt-project.js';
export type { DbtLoadedProject } from './dbt/load-dbt-project.js';
export { parseDbtProject } from './dbt/parse-dbt-project.js';
export { readProfile, findProfilesFile } from './dbt/profiles-file.js';
export type { DbtProfile } from './dbt/profiles-file.js';
export { migrateSchemas } from './dbt/migrate-schemas.js';
export type { MigratedFile } from './dbt/migrate-schemas.js';
export { migrateConfig } from './dbt/migrate-config.js';
export { JinjaRelation } from './compile/jinja/jinja-relation.js';
export type { WarehouseAccess } from './compile/warehouse-requests.js';
