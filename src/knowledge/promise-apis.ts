import type { ApiTarget } from '../util/resolve-import.js';

/**
 * APIs known to return a promise, for files without type information.
 * Async iterators (`fs/promises` `watch`, `timers/promises` `setInterval`, `events.on`) are not promises
 * and are left out on purpose.
 */
const FS_PROMISE_FUNCTIONS = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir',
  'mkdtemp', 'open', 'opendir', 'readFile', 'readdir', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat',
  'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile',
] as const;

const DNS_PROMISE_FUNCTIONS = [
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
] as const;

/** `Promise` statics that return a promise (`withResolvers` returns an object, so it is not here). */
export const PROMISE_STATICS_RETURNING_PROMISE = new Set(['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try']);

/** The `Promise` statics that combine a collection of promises. */
export const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);

/** Methods of a fetch `Response` (and `Request`/`Blob`) that return a promise of the body. */
export const RESPONSE_BODY_METHODS = new Set(['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']);

export const PROMISE_RETURNING_APIS: readonly ApiTarget[] = [
  { global: 'fetch', path: [] },
  ...FS_PROMISE_FUNCTIONS.map((name): ApiTarget => ({ module: 'fs/promises', path: [name] })),
  ...FS_PROMISE_FUNCTIONS.map((name): ApiTarget => ({ module: 'fs', path: ['promises', name] })),
  ...DNS_PROMISE_FUNCTIONS.map((name): ApiTarget => ({ module: 'dns/promises', path: [name] })),
  ...DNS_PROMISE_FUNCTIONS.map((name): ApiTarget => ({ module: 'dns', path: ['promises', name] })),
  { module: 'timers/promises', path: ['setTimeout'] },
  { module: 'timers/promises', path: ['setImmediate'] },
  { module: 'timers/promises', path: ['scheduler', 'wait'] },
  { module: 'timers/promises', path: ['scheduler', 'yield'] },
  { module: 'stream/promises', path: ['pipeline'] },
  { module: 'stream/promises', path: ['finished'] },
  { module: 'stream', path: ['promises', 'pipeline'] },
  { module: 'stream', path: ['promises', 'finished'] },
  { module: 'events', path: ['once'] },
  { module: 'events', path: ['default', 'once'] },
  { module: 'events', path: ['EventEmitter', 'once'] },
];

/** Functions that turn a callback API into one returning a promise: `promisify(exec)(cmd)`. */
export const PROMISIFY_APIS: readonly ApiTarget[] = [
  { module: 'util', path: ['promisify'] },
  { module: 'util', path: ['default', 'promisify'] },
];
