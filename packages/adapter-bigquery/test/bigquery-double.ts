import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { castable, parseCsv, parseMultipart, restValue } from './double-helpers.js';

/** A column of the double's tables and results. */
export interface Field {
  name: string;
  type: string;
  mode?: string;
  fields?: Field[];
}

/** A table or view of the double's catalog. */
export interface FakeTable {
  type: 'TABLE' | 'VIEW';
  schema: { fields: Field[] };
  numRows?: string;
  timePartitioning?: { type: string; field?: string };
  rangePartitioning?: { field: string };
  clustering?: { fields: string[] };
  /** Cells of a loaded table, as text (what a load job put there). */
  data?: Array<Array<string | null>>;
}

/** What a query job does, decided by the test's `onQuery`. */
export interface QueryOutcome {
  /** Result columns and rows (REST `{ f: [{ v }] }` rows are built from plain arrays of cell strings). */
  schema?: Field[];
  rows?: Array<Array<unknown>>;
  statementType?: string;
  numDmlAffectedRows?: number;
  ddlTargetTable?: { datasetId: string; tableId: string };
  /** The job ends with this error (`status.errorResult`). */
  error?: { reason: string; message: string; location?: string };
  /** `jobs.get` answers RUNNING this many times before DONE. */
  runningPolls?: number;
  totalBytesProcessed?: number;
}

/** One request the double received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body?: any;
  /** Parts of a multipart upload: the JSON metadata and the file bytes. */
  parts?: Array<{ contentType: string; body: string }>;
}

/** A failure to inject before the double answers a matching request normally. */
interface Fault {
  method: string;
  path: RegExp;
  status: number;
  reason: string;
  message: string;
  times: number;
  /** Handle the request first (its side effects happen), then answer with the error: a lost response. */
  after: boolean;
}

interface Job {
  resource: any;
  outcome: QueryOutcome;
  polls: number;
}

const API = '/bigquery/v2/projects/';

/**
 * A local stand-in for the BigQuery REST API: the paths `@google-cloud/bigquery` calls for
 * datasets, tables, jobs (insert, get, getQueryResults, cancel), and multipart load uploads.
 * It keeps a small catalog (DDL statements create and drop its tables), pages results by
 * `pageSize`, records every request, and can inject HTTP faults and failing jobs.
 */
export class BigQueryDouble {
  readonly requests: RecordedRequest[] = [];
  readonly datasets = new Map<string, { location?: string }>();
  readonly tables = new Map<string, FakeTable>();
  readonly jobs = new Map<string, Job>();
  /**
   * Table-level IAM bindings by `dataset.table`: `role|principal` strings. GRANT/REVOKE change
   * them, OBJECT_PRIVILEGES reads them, and any DROP or CREATE [OR REPLACE] clears them (the
   * worst case a replaced table can meet on BigQuery).
   */
  readonly policies = new Map<string, Set<string>>();
  /** Rows per page of getQueryResults and tables.list. */
  pageSize = 1000;
  /** Decides what each query job does; the default runs DDL against the catalog and returns nothing. */
  onQuery: (sql: string, configuration: any) => QueryOutcome | undefined = () => undefined;
  /** Schema a `CREATE TABLE/VIEW … AS` gets in the catalog, by table name (default: one STRING column). */
  schemaOf: (table: string, sql: string) => Field[] = () => [{ name: 'value', type: 'STRING', mode: 'NULLABLE' }];
  /** Rows a `CREATE TABLE … AS` produces, by table name (default 0). */
  rowsOf: (table: string, sql: string) => number = () => 0;
  private faults: Fault[] = [];
  private server?: Server;
  private jobCount = 0;

  /** Starts listening on 127.0.0.1 at a random port; resolves to the `apiEndpoint`. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Makes the next `times` requests matching method and path fail with an HTTP error. */
  fail(method: string, path: RegExp, status: number, reason: string, times = 1, message = `${reason} (injected)`): void {
    this.faults.push({ method, path, status, reason, message, times, after: false });
  }

  /** Like `fail`, but the request takes effect before the error is answered (the response was lost). */
  loseResponse(method: string, path: RegExp, status: number, reason: string, times = 1): void {
    this.faults.push({ method, path, status, reason, message: `${reason} (injected)`, times, after: true });
  }

  /** Requests to one REST method, e.g. `calls('POST', /\/jobs$/)`. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** SQL of every query job inserted (dry runs included), in order. */
  get queries(): string[] {
    return this.calls('POST', /\/jobs$/).map((r) => r.body?.configuration?.query?.query).filter((q): q is string => typeof q === 'string');
  }

  reset(): void {
    this.requests.length = 0;
    this.faults = [];
    this.jobs.clear();
    this.tables.clear();
    this.datasets.clear();
    this.policies.clear();
    this.onQuery = () => undefined;
    this.rowsOf = () => 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://double');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers };
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('multipart/')) recorded.parts = parseMultipart(raw, type);
    else if (raw) recorded.body = JSON.parse(raw);
    this.requests.push(recorded);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const fault = this.faults.find((f) => f.times > 0 && f.method === recorded.method && f.path.test(recorded.path));
    if (fault) {
      fault.times--;
      if (fault.after) this.route(recorded);
      return send(fault.status, { error: { code: fault.status, message: fault.message, errors: [{ reason: fault.reason, message: fault.message, domain: 'global' }] } });
    }
    try {
      const [status, body] = this.route(recorded);
      send(status, body);
    } catch (error) {
      send(500, { error: { code: 500, message: String(error), errors: [{ reason: 'internalError', message: String(error) }] } });
    }
  }

  private notFound(what: string): [number, unknown] {
    return [404, { error: { code: 404, message: `Not found: ${what}`, errors: [{ reason: 'notFound', message: `Not found: ${what}` }] } }];
  }

  private route(r: RecordedRequest): [number, unknown] {
    const path = r.path;
    if (r.method === 'POST' && path.startsWith('/upload' + API)) return this.load(r);
    if (!path.startsWith(API)) return this.notFound(path);
    const [project, collection, id, sub, subId] = path.slice(API.length).split('/').map(decodeURIComponent);
    if (collection === 'jobs' && r.method === 'POST' && !id) return this.insertJob(project!, r.body);
    if (collection === 'jobs' && r.method === 'POST' && sub === 'cancel') return [200, { job: this.jobs.get(id!)?.resource }];
    if (collection === 'jobs' && r.method === 'GET' && id) return this.getJob(id);
    if (collection === 'queries' && r.method === 'GET') return this.queryResults(id!, r.query);
    if (collection === 'datasets' && !id && r.method === 'POST') {
      const datasetId = r.body.datasetReference.datasetId;
      if (this.datasets.has(datasetId)) return [409, { error: { code: 409, message: 'Already Exists', errors: [{ reason: 'duplicate', message: 'Already Exists' }] } }];
      this.datasets.set(datasetId, { location: r.body.location });
      return [200, { ...r.body, id: `${project}:${datasetId}` }];
    }
    if (collection === 'datasets' && id && !sub) return this.datasets.has(id) ? [200, { datasetReference: { projectId: project, datasetId: id }, location: this.datasets.get(id)!.location ?? 'US' }] : this.notFound(`Dataset ${project}:${id}`);
    if (collection === 'datasets' && sub === 'tables' && !subId) return this.listTables(project!, id!, r.query);
    if (collection === 'datasets' && sub === 'tables' && subId) {
      const key = `${id}.${subId}`;
      const table = this.tables.get(key);
      if (r.method === 'DELETE') return table && this.tables.delete(key) ? [204, undefined] : this.notFound(`Table ${project}:${key}`);
      return table ? [200, { tableReference: { projectId: project, datasetId: id, tableId: subId }, ...table }] : this.notFound(`Table ${project}:${key}`);
    }
    return this.notFound(path);
  }

  private listTables(project: string, dataset: string, query: Record<string, string>): [number, unknown] {
    const all = [...this.tables.entries()].filter(([k]) => k.startsWith(`${dataset}.`)).map(([k, t]) => ({ tableReference: { projectId: project, datasetId: dataset, tableId: k.slice(dataset.length + 1) }, type: t.type }));
    const start = Number(query.pageToken ?? 0);
    const page = all.slice(start, start + this.pageSize);
    return [200, { tables: page, totalItems: all.length, ...(start + this.pageSize < all.length ? { nextPageToken: String(start + this.pageSize) } : {}) }];
  }

  private insertJob(project: string, body: any): [number, unknown] {
    const jobId = body.jobReference?.jobId ?? `job_${++this.jobCount}`;
    if (this.jobs.has(jobId)) return [409, { error: { code: 409, message: `Already Exists: Job ${project}:${jobId}`, errors: [{ reason: 'duplicate', message: 'Already Exists' }] } }];
    const configuration = body.configuration ?? {};
    let outcome: QueryOutcome = {};
    if (configuration.query) outcome = this.onQuery(configuration.query.query, configuration) ?? this.inferTypes(configuration.query.query) ?? this.applyDdl(configuration.query.query);
    if (configuration.copy) {
      const src = configuration.copy.sourceTable;
      const dst = configuration.copy.destinationTable;
      const table = this.tables.get(`${src.datasetId}.${src.tableId}`);
      if (!table) outcome = { error: { reason: 'notFound', message: `Not found: Table ${src.projectId}:${src.datasetId}.${src.tableId}` } };
      else this.tables.set(`${dst.datasetId}.${dst.tableId}`, { ...table, type: 'TABLE' });
    }
    const resource = {
      kind: 'bigquery#job',
      jobReference: { projectId: project, jobId, location: body.jobReference?.location ?? 'US' },
      configuration,
      statistics: {
        totalBytesProcessed: String(outcome.totalBytesProcessed ?? 0),
        query: configuration.query ? { statementType: outcome.statementType ?? 'SELECT', totalBytesProcessed: String(outcome.totalBytesProcessed ?? 0), ...(outcome.numDmlAffectedRows !== undefined ? { numDmlAffectedRows: String(outcome.numDmlAffectedRows) } : {}), ...(outcome.ddlTargetTable ? { ddlTargetTable: { projectId: project, ...outcome.ddlTargetTable } } : {}) } : undefined,
      },
      status: { state: 'RUNNING' } as any,
    };
    if (configuration.dryRun) {
      if (outcome.error) return [400, { error: { code: 400, message: outcome.error.message, errors: [{ ...outcome.error }] } }];
      return [200, { ...resource, status: { state: 'DONE' } }];
    }
    const job: Job = { resource, outcome, polls: 0 };
    this.jobs.set(jobId, job);
    if (!outcome.runningPolls) this.finish(job);
    return [200, job.resource];
  }

  private finish(job: Job): void {
    job.resource.status = job.outcome.error ? { state: 'DONE', errorResult: job.outcome.error, errors: [job.outcome.error] } : { state: 'DONE' };
  }

  private getJob(jobId: string): [number, unknown] {
    const job = this.jobs.get(jobId);
    if (!job) return this.notFound(`Job ${jobId}`);
    if (job.resource.status.state !== 'DONE' && ++job.polls >= (job.outcome.runningPolls ?? 0)) this.finish(job);
    return [200, job.resource];
  }

  private queryResults(jobId: string, query: Record<string, string>): [number, unknown] {
    const job = this.jobs.get(jobId);
    if (!job) return this.notFound(`Job ${jobId}`);
    if (job.outcome.error) return [400, { error: { code: 400, message: job.outcome.error.message, errors: [job.outcome.error] } }];
    const rows = job.outcome.rows ?? [];
    const start = Number(query.pageToken ?? 0);
    const size = Math.min(this.pageSize, Number(query.maxResults ?? this.pageSize));
    const page = rows.slice(start, start + size).map((row) => ({ f: row.map((v) => ({ v: restValue(v) })) }));
    return [
      200,
      {
        kind: 'bigquery#getQueryResultsResponse',
        jobReference: job.resource.jobReference,
        jobComplete: true,
        schema: { fields: job.outcome.schema ?? [] },
        totalRows: String(rows.length),
        rows: page,
        ...(start + size < rows.length ? { pageToken: String(start + size) } : {}),
      },
    ];
  }

  /** The default for query jobs: keep the catalog in step with DDL, report DML and CTAS like BigQuery. */
  private applyDdl(sql: string): QueryOutcome {
    const dcl = this.applyDcl(sql);
    if (dcl) return dcl;
    const name = /^\s*(CREATE(?: OR REPLACE)? (TABLE|VIEW)|DROP (TABLE|VIEW)(?: IF EXISTS)?|ALTER TABLE)\s+`[^`]+`\.`([^`]+)`\.`([^`]+)`/i.exec(sql);
    const dml = /^\s*(INSERT|UPDATE|DELETE|MERGE)/i.exec(sql);
    if (!name) return dml ? { statementType: dml[1]!.toUpperCase(), numDmlAffectedRows: 0 } : {};
    const [, verb, createKind, , dataset, table] = name;
    const key = `${dataset}.${table}`;
    if (!/^ALTER/i.test(verb!)) this.policies.delete(key);
    if (/^DROP/i.test(verb!)) {
      this.tables.delete(key);
      return { statementType: verb!.toUpperCase().startsWith('DROP VIEW') ? 'DROP_VIEW' : 'DROP_TABLE' };
    }
    if (/^ALTER/i.test(verb!)) {
      const add = /ADD COLUMN `([^`]+)` (\S+)/i.exec(sql);
      if (add) this.tables.get(key)?.schema.fields.push({ name: add[1]!, type: add[2]!, mode: 'NULLABLE' });
      return { statementType: 'ALTER_TABLE' };
    }
    const isView = createKind!.toUpperCase() === 'VIEW';
    const partition = /PARTITION BY (?:TIMESTAMP_TRUNC|DATE_TRUNC|DATETIME_TRUNC)?\(?`([^`]+)`(?:, (\w+))?/i.exec(sql);
    const cluster = /CLUSTER BY ((?:`[^`]+`(?:, )?)+)/i.exec(sql);
    this.tables.set(key, {
      type: isView ? 'VIEW' : 'TABLE',
      schema: { fields: this.schemaOf(table!, sql) },
      numRows: isView ? undefined : String(this.rowsOf(table!, sql)),
      ...(partition ? { timePartitioning: { type: (partition[2] ?? 'DAY').toUpperCase(), field: partition[1] } } : {}),
      ...(cluster ? { clustering: { fields: cluster[1]!.split(', ').map((c) => c.replace(/`/g, '')) } } : {}),
    });
    return { statementType: isView ? 'CREATE_VIEW' : /\bAS\b/i.test(sql) ? 'CREATE_TABLE_AS_SELECT' : 'CREATE_TABLE', ddlTargetTable: { datasetId: dataset!, tableId: table! } };
  }

  /** GRANT/REVOKE on a table or view, and the OBJECT_PRIVILEGES query, against `policies`. */
  private applyDcl(sql: string): QueryOutcome | undefined {
    const dcl = /^(GRANT|REVOKE) `([^`]+)` ON (TABLE|VIEW) `[^`]+`\.`([^`]+)`\.`([^`]+)` (?:TO|FROM) ((?:"[^"]+"(?:, )?)+)$/.exec(sql);
    if (dcl) {
      const [, verb, role, kind, dataset, table, list] = dcl;
      const key = `${dataset}.${table}`;
      const found = this.tables.get(key);
      if (!found) return { error: { reason: 'notFound', message: `Not found: Table ${key}` } };
      if ((found.type === 'VIEW') !== (kind === 'VIEW')) return { error: { reason: 'invalidQuery', message: `${key} is not a ${kind!.toLowerCase()}` } };
      const policy = this.policies.get(key) ?? new Set<string>();
      for (const grantee of list!.split(', ').map((g) => g.slice(1, -1))) {
        if (verb === 'GRANT') policy.add(`${role}|${grantee.toLowerCase()}`);
        else policy.delete(`${role}|${grantee.toLowerCase()}`);
      }
      this.policies.set(key, policy);
      return { statementType: verb };
    }
    const privileges = /INFORMATION_SCHEMA\.OBJECT_PRIVILEGES\nWHERE object_schema = '([^']+)' AND object_name = '([^']+)'$/.exec(sql);
    if (!privileges) return undefined;
    const bindings = [...(this.policies.get(`${privileges[1]}.${privileges[2]}`) ?? [])].map((b) => b.split('|'));
    return { schema: [{ name: 'privilege_type', type: 'STRING' }, { name: 'grantee', type: 'STRING' }], rows: bindings };
  }

  /**
   * Answers the seed type-inference query (`COUNTIF(c IS NOT NULL AND SAFE_CAST(c AS T) IS NULL)`)
   * from the loaded cells, with JavaScript versions of BigQuery's casts from STRING.
   */
  private inferTypes(sql: string): QueryOutcome | undefined {
    const from = /^SELECT COUNT\(\*\) AS row_count, [\s\S]*\nFROM `[^`]+`\.`([^`]+)`\.`([^`]+)`$/.exec(sql);
    const table = from && this.tables.get(`${from[1]}.${from[2]}`);
    if (!table?.data) return undefined;
    const checks = [...sql.matchAll(/COUNTIF\(`([^`]+)` IS NOT NULL AND SAFE_CAST\(`[^`]+` AS (\w+)\) IS NULL\) AS (\w+)/g)];
    const index = (name: string) => table.schema.fields.findIndex((f) => f.name === name);
    const counts = checks.map(([, column, type]) => table.data!.filter((row) => row[index(column!)] !== null && !castable(row[index(column!)]!, type!)).length);
    return { schema: [{ name: 'row_count', type: 'INTEGER' }, ...checks.map(([, , , alias]) => ({ name: alias!, type: 'INTEGER' }))], rows: [[String(table.data.length), ...counts.map(String)]] };
  }

  /** A multipart load upload: the first part is the job, the second the file. */
  private load(r: RecordedRequest): [number, unknown] {
    const metadata = JSON.parse(r.parts?.[0]?.body ?? '{}');
    const load = metadata.configuration.load;
    const data = r.parts?.[1]?.body ?? '';
    const [, insertBody] = this.insertJob(metadata.jobReference.projectId, { jobReference: metadata.jobReference, configuration: { load } }) as [number, any];
    const job = this.jobs.get(metadata.jobReference.jobId)!;
    const error = this.onLoad?.(data, load);
    if (error) {
      job.outcome = { error };
      this.finish(job);
    } else {
      const dst = load.destinationTable;
      const rows = parseCsv(data, load.fieldDelimiter ?? ',').slice(load.skipLeadingRows ?? 0);
      this.tables.set(`${dst.datasetId}.${dst.tableId}`, { type: 'TABLE', schema: { fields: load.schema?.fields ?? [] }, numRows: String(rows.length), data: rows });
      job.resource.statistics = { load: { outputRows: String(rows.length) } };
    }
    return [200, { ...insertBody, statistics: job.resource.statistics, status: job.resource.status }];
  }

  /** Decides whether a load fails (return BigQuery's error) given the uploaded text. */
  onLoad?: (data: string, load: any) => { reason: string; message: string } | undefined;
}
