import type { ApiTarget } from '../util/resolve-import.js';

/**
 * Operations that hold something scarce while they run: a socket, a file descriptor, a child process, a new
 * connection, a cloud SDK request, or a slot of a database pool. Started once per element of a collection
 * that grows with the data, they exhaust it (EMFILE, ECONNRESET, rate limits, pool acquire timeouts).
 * Plain data: rules resolve the module entries through `findApiReferences` and, with types, match the
 * package that declares a called function against `SCARCE_PACKAGES`.
 *
 * - `socket`: an HTTP request or another outgoing socket (fetch, http, axios, got, undici, …);
 * - `file`: a file opened, read, written or streamed (one descriptor each);
 * - `process`: a child process;
 * - `connection`: a new connection to a server (a database, a broker, a WebSocket);
 * - `cloud`: a call of a cloud or SaaS SDK (an HTTP request with the provider's rate limits);
 * - `pool`: a query through a database pool or ORM: extra queries queue for a pool slot and fail only
 *   when the queue outlives the acquire timeout;
 * - `pipelined`: a command on one connection of a pipelining protocol (a Redis client): commands queue on
 *   the one socket and open nothing per element.
 */
export type ScarceResource = 'socket' | 'file' | 'process' | 'connection' | 'cloud' | 'pool' | 'pipelined';

/** The resources that are exhausted by being opened: everything but a pool slot and a pipelined command. */
export const OPENING_RESOURCES: ReadonlySet<ScarceResource> = new Set(['socket', 'file', 'process', 'connection', 'cloud']);

const FS_OPENING = [
  'open', 'opendir', 'readdir', 'readFile', 'writeFile', 'appendFile', 'copyFile', 'cp', 'createReadStream', 'createWriteStream',
] as const;
const FS_EXTRA_OPENING = [
  ...FS_OPENING, 'copy', 'move', 'outputFile', 'outputJson', 'outputJSON', 'readJson', 'readJSON', 'writeJson', 'writeJSON',
] as const;
const CHILD_PROCESS = ['spawn', 'exec', 'execFile', 'fork'] as const;
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'fetch'] as const;

const entries = (resource: ScarceResource, module: string, paths: readonly (readonly string[])[], esm = false): ApiTarget<ScarceResource>[] =>
  paths.map((path) => ({ module, path, info: resource, ...(esm ? { esm: true } : {}) }));

/** Module exports and globals whose every call holds a scarce resource. */
export const SCARCE_APIS: readonly ApiTarget<ScarceResource>[] = [
  { global: 'fetch', path: [], info: 'socket' },
  { global: 'WebSocket', path: [], kind: 'construct', info: 'connection' },
  ...entries('socket', 'http', [['request'], ['get']]),
  ...entries('socket', 'https', [['request'], ['get']]),
  ...entries('connection', 'http2', [['connect']]),
  ...entries('connection', 'net', [['connect'], ['createConnection']]),
  ...entries('connection', 'tls', [['connect']]),
  ...entries('file', 'fs', FS_OPENING.map((name) => [name])),
  ...entries('file', 'fs', FS_OPENING.map((name) => ['promises', name])),
  ...entries('file', 'fs/promises', FS_OPENING.map((name) => [name])),
  ...entries('file', 'fs-extra', FS_EXTRA_OPENING.map((name) => [name])),
  ...entries('file', 'graceful-fs', FS_OPENING.map((name) => [name])),
  ...entries('process', 'child_process', CHILD_PROCESS.map((name) => [name])),
  ...entries('process', 'execa', [['execa'], ['execaCommand'], ['execaNode'], ['$']], true),
  ...entries('process', 'cross-spawn', [[], ['spawn']]),
  ...entries('process', 'zx', [['$']], true),
  ...entries('socket', 'axios', [[], ...HTTP_METHODS.map((name) => [name])]),
  ...entries('socket', 'got', [['default'], ...HTTP_METHODS.map((name) => ['default', name])], true),
  ...entries('socket', 'node-fetch', [['default']], true),
  ...entries('socket', 'undici', [['fetch'], ['request'], ['stream']]),
  ...entries('socket', 'ky', [['default'], ...HTTP_METHODS.map((name) => ['default', name])], true),
  ...entries('socket', 'superagent', [[], ...HTTP_METHODS.map((name) => [name])]),
  ...entries('socket', 'needle', [[], ...HTTP_METHODS.map((name) => [name])]),
  ...entries('socket', 'request', [[], ...HTTP_METHODS.map((name) => [name])]),
  ...entries('socket', 'ofetch', [['ofetch'], ['$fetch']]),
  ...entries('file', 'read-package-json-fast', [[]]),
  ...entries('file', '@npmcli/fs', [['readdirScoped']]),
  ...entries('socket', 'npm-registry-fetch', [[], ['json']]),
  ...entries('socket', 'pacote', [['manifest'], ['packument'], ['tarball'], ['extract'], ['resolve']]),
  ...entries('socket', 'nodemailer', [['createTransport']]),
  { module: 'mongoose', path: ['createConnection'], info: 'connection' },
  { module: 'mysql', path: ['createConnection'], info: 'connection' },
  { module: 'mysql2', path: ['createConnection'], info: 'connection' },
  { module: 'mysql2/promise', path: ['createConnection'], info: 'connection' },
  { module: 'amqplib', path: ['connect'], info: 'connection' },
];

/**
 * Packages by the resource their calls hold, for type-aware rules: a call whose declaration lives in one of
 * these packages (a prefix ending in `/` matches a scope) holds that resource. Node's own modules are
 * matched by name in `SCARCE_APIS` instead: most of `fs` holds nothing.
 */
export const SCARCE_PACKAGES: readonly (readonly [prefix: string, resource: ScarceResource])[] = [
  ['axios', 'socket'], ['got', 'socket'], ['node-fetch', 'socket'], ['undici', 'socket'], ['undici-types', 'socket'],
  ['ky', 'socket'], ['superagent', 'socket'], ['needle', 'socket'], ['ofetch', 'socket'], ['@octokit/', 'socket'],
  ['npm-registry-fetch', 'socket'], ['pacote', 'socket'], ['nodemailer', 'socket'], ['ws', 'connection'],
  ['execa', 'process'], ['cross-spawn', 'process'], ['zx', 'process'],
  ['@aws-sdk/', 'cloud'], ['aws-sdk', 'cloud'], ['@google-cloud/', 'cloud'], ['@azure/', 'cloud'], ['googleapis', 'cloud'],
  ['firebase-admin', 'cloud'], ['stripe', 'cloud'], ['openai', 'cloud'], ['twilio', 'cloud'], ['@slack/', 'cloud'],
  ['@sendgrid/', 'cloud'], ['@vercel/blob', 'cloud'], ['@supabase/storage-js', 'cloud'],
  ['knex', 'pool'], ['@prisma/client', 'pool'], ['.prisma/client', 'pool'], ['typeorm', 'pool'], ['sequelize', 'pool'],
  ['mongoose', 'pool'], ['mongodb', 'pool'], ['pg', 'pool'], ['pg-pool', 'pool'], ['mysql', 'pool'], ['mysql2', 'pool'],
  ['drizzle-orm', 'pool'], ['kysely', 'pool'], ['objection', 'pool'], ['@mikro-orm/', 'pool'], ['mssql', 'pool'],
  ['tedious', 'pool'], ['oracledb', 'pool'], ['sqlite3', 'pool'], ['postgres', 'pool'], ['@neondatabase/', 'pool'],
  ['ioredis', 'pipelined'], ['redis', 'pipelined'], ['@redis/', 'pipelined'],
];

/**
 * Method names that, on an object whose name says what it is, hold a resource. Used without type
 * information, where the object comes from elsewhere (`this.http.get(url)`, `db.query(sql)`).
 */
export const SCARCE_RECEIVERS: readonly {
  object: RegExp;
  methods: ReadonlySet<string> | null;
  resource: ScarceResource;
}[] = [
  { object: /^(https?|axios|got|ky|fetcher|httpClient|http[A-Z]\w*|\w*HttpClient|\w*Http|request|superagent|needle|undici|registry|api|apiClient|rest|restClient|activitypub)$/, methods: new Set([...HTTP_METHODS, 'json']), resource: 'socket' },
  { object: /^(octokit|github|gitlab|stripe|openai|slack|twilio|sendgrid|mailer|transporter)$/i, methods: null, resource: 'cloud' },
  { object: /^(s3|s3Client|sqs|sns|ses|dynamo\w*|lambda|kinesis|firehose|bucket|storage|blobClient|containerClient|blobServiceClient|gcs)$/i, methods: null, resource: 'cloud' },
  { object: /^(fs|fsp|fse|fsPromises|fsExtra|promises)$/, methods: new Set(FS_EXTRA_OPENING), resource: 'file' },
  { object: /^(childProcess|child_process|cp)$/, methods: new Set(CHILD_PROCESS), resource: 'process' },
  { object: /^(redis\w*|\w*Redis|ioredis|pipeline|multi|pipe|cache|kv)$/i, methods: null, resource: 'pipelined' },
  {
    object: /^(db|database|knex|trx|tx|transaction|prisma|pool|pg|sql|mysql|sequelize|mongoose|orm|em|entityManager|manager|repo|\w*Repo|\w*Repository|repository|\w*Model|model|models|collection|\w*Collection|query|qb|queryBuilder|conn|connection|client|dbClient|pgClient)$/,
    methods: null,
    resource: 'pool',
  },
];

/** Methods a database handle runs a query with, whatever it is called (`User.findById`, `knex('t').insert`). */
export const QUERY_METHODS: ReadonlySet<string> = new Set([
  'query', 'raw', 'execute', 'exec', 'select', 'insert', 'update', 'upsert', 'delete', 'del', 'destroy', 'save', 'remove',
  'find', 'findOne', 'findById', 'findAll', 'findMany', 'findUnique', 'findFirst', 'findOneBy', 'findBy', 'findByPk',
  'findOrCreate', 'findOneAndUpdate', 'findOneAndDelete', 'findByIdAndUpdate', 'findByIdAndDelete', 'create',
  'createMany', 'updateMany', 'updateOne', 'deleteMany', 'deleteOne', 'insertOne', 'insertMany', 'replaceOne',
  'bulkWrite', 'bulkCreate', 'count', 'countDocuments', 'aggregate', 'increment', 'decrement', 'where', 'first',
  'pluck', 'returning', 'transacting',
]);

/** Class names whose construction is one request of a command-style cloud SDK: `client.send(new PutObjectCommand(…))`. */
export const CLOUD_COMMAND_PATTERN = /^[A-Z]\w*Command$/;

/** Methods that free what an object owns: over a collection the program holds, this is cleanup, not fan-out. */
export const RELEASE_METHODS: ReadonlySet<string> = new Set([
  'close', 'destroy', 'end', 'quit', 'disconnect', 'terminate', 'kill', 'unref', 'dispose', 'shutdown', 'stop', 'abort',
]);

/**
 * Options that cap how many rows or items one request returns: with a literal value, the result of that request
 * is a bounded collection (`findMany({ take: 20 })`, `list({ per_page: 100 })`, `.limit(10)`).
 */
export const RESULT_LIMIT_OPTIONS: ReadonlySet<string> = new Set([
  'limit', 'take', 'first', 'last', 'pageSize', 'page_size', 'perPage', 'per_page', 'batchLimit', 'batchSize', 'maxResults',
  'MaxKeys', 'maxKeys', 'top', 'size', 'count',
]);
