/**
 * Concurrency limiters: libraries whose calls bound how many operations run at once.
 * Plain data; rules turn the entries into `ApiTarget`s for `findApiReferences`.
 *
 * - `factory`: calling the export returns a limiter; work passed through the limiter (the instance
 *   itself, `'()'`, or one of `limitedBy`'s methods) runs under the bound (`pLimit(4)` → `limit(() => …)`).
 * - `class`: `new` of the export returns such a limiter (`new PQueue()` → `queue.add(…)`).
 * - `wrapper`: the call returns a bounded version of the function passed in (`limitFunction(fn, …)`).
 * - `bulk`: the call maps a whole collection with its own bound (`pMap(xs, fn, { concurrency })`). It bounds
 *   its own work only: a `Promise.all` over many such calls is as unbounded as its collection.
 */
export type LimiterKind = 'factory' | 'class' | 'wrapper' | 'bulk';

export interface LimiterEntry {
  /** The package, without `node:`. */
  module: string;
  /** The export: `['default']` for an ES module's default export, `[]` for a CommonJS module object. */
  path: readonly string[];
  kind: LimiterKind;
  /** For `factory`/`class`: how work goes through the instance; `'()'` is a call of the instance itself. */
  limitedBy?: readonly string[];
  /** The package is ESM-only (its default import is `path: ['default']`). */
  esm?: boolean;
}

const SEMAPHORE_METHODS = ['acquire', 'runExclusive', 'waitForUnlock', 'lock'] as const;

export const LIMITERS: readonly LimiterEntry[] = [
  // p-limit: `const limit = pLimit(4); limit(() => work())`, `limit.map(xs, fn)` (v7), `limitFunction(fn, { concurrency })`.
  { module: 'p-limit', path: ['default'], kind: 'factory', limitedBy: ['()', 'map'], esm: true },
  { module: 'p-limit', path: ['limitFunction'], kind: 'wrapper', esm: true },
  // p-queue: `queue.add(() => work())`, `queue.addAll(tasks)`.
  { module: 'p-queue', path: ['default'], kind: 'class', limitedBy: ['add', 'addAll'], esm: true },
  // p-map and friends bound their own work; they are what the fixes write.
  { module: 'p-map', path: ['default'], kind: 'bulk', esm: true },
  { module: 'p-map', path: ['pMapIterable'], kind: 'bulk', esm: true },
  { module: 'p-all', path: ['default'], kind: 'bulk', esm: true },
  // p-throttle: `const throttle = pThrottle({ limit, interval }); const run = throttle(fn)`.
  { module: 'p-throttle', path: ['default'], kind: 'factory', limitedBy: ['()'], esm: true },
  // async-sema: `const sema = new Sema(4); await sema.acquire()`, `const lim = RateLimit(5); await lim()`.
  { module: 'async-sema', path: ['Sema'], kind: 'class', limitedBy: ['acquire'] },
  { module: 'async-sema', path: ['RateLimit'], kind: 'factory', limitedBy: ['()'] },
  // async-mutex: `Mutex` and `Semaphore`.
  { module: 'async-mutex', path: ['Mutex'], kind: 'class', limitedBy: SEMAPHORE_METHODS },
  { module: 'async-mutex', path: ['Semaphore'], kind: 'class', limitedBy: SEMAPHORE_METHODS },
  // bottleneck (CommonJS): `const limiter = new Bottleneck({ maxConcurrent: 4 }); limiter.schedule(() => work())`.
  { module: 'bottleneck', path: [], kind: 'class', limitedBy: ['schedule', 'submit', 'wrap'] },
  { module: 'bottleneck', path: ['default'], kind: 'class', limitedBy: ['schedule', 'submit', 'wrap'] },
  // @supercharge/promise-pool: `PromisePool.withConcurrency(4).for(xs).process(fn)`.
  { module: '@supercharge/promise-pool', path: ['PromisePool'], kind: 'bulk' },
  // es-toolkit: `new Semaphore(4)`, `new Mutex()`, and the bounded-function helper `limitAsync(fn, n)`.
  { module: 'es-toolkit', path: ['Semaphore'], kind: 'class', limitedBy: ['acquire'] },
  { module: 'es-toolkit', path: ['Mutex'], kind: 'class', limitedBy: ['acquire'] },
  { module: 'es-toolkit', path: ['limitAsync'], kind: 'wrapper' },
  { module: 'es-toolkit/promise', path: ['Semaphore'], kind: 'class', limitedBy: ['acquire'] },
  { module: 'es-toolkit/promise', path: ['Mutex'], kind: 'class', limitedBy: ['acquire'] },
  { module: 'es-toolkit/function', path: ['limitAsync'], kind: 'wrapper' },
  // async (caolan): `mapLimit`, `eachLimit`, … bound their own work.
  { module: 'async', path: ['mapLimit'], kind: 'bulk' },
  { module: 'async', path: ['eachLimit'], kind: 'bulk' },
  { module: 'async', path: ['parallelLimit'], kind: 'bulk' },
  // Worker and resource pools: work goes through `pool.run()` / `pool.use()`, bounded by the pool size.
  { module: 'piscina', path: [], kind: 'class', limitedBy: ['run'] },
  { module: 'piscina', path: ['Piscina'], kind: 'class', limitedBy: ['run'] },
  { module: 'tinypool', path: ['default'], kind: 'class', limitedBy: ['run'] },
  { module: 'generic-pool', path: ['createPool'], kind: 'factory', limitedBy: ['acquire', 'use'] },
  // limiter: `await limiter.removeTokens(1)` before each operation.
  { module: 'limiter', path: ['RateLimiter'], kind: 'class', limitedBy: ['removeTokens'] },
];

/**
 * Method names that take a permit wherever they are called (`await sem.acquire()`,
 * `using _ = await mutex.lock()`): whatever object they are called on, the work after them is bounded.
 */
export const PERMIT_METHODS: ReadonlySet<string> = new Set([
  'acquire', 'acquireLock', 'lock', 'runExclusive', 'withLock', 'withPermit', 'schedule', 'removeTokens', 'waitForPermit',
]);

/**
 * Names that say "this goes through a limiter" when the limiter itself comes from elsewhere
 * (a parameter, an injected service): `limit(() => …)`, `this.queue.add(…)`, `fetchThrottled(url)`.
 * Matched against the callee's name and, for methods, the object's name. Precision first: a call we
 * wrongly take for a limiter costs a missed report; the reverse costs a false one.
 */
export const LIMITER_NAME_PATTERN = /limit|throttl|semaphore|mutex|bottleneck/i;
export const QUEUE_OBJECT_PATTERN = /queue|limit|pool|throttl|sema|mutex|bottleneck|scheduler/i;
export const QUEUE_METHODS: ReadonlySet<string> = new Set(['add', 'addAll', 'push', 'enqueue', 'run', 'submit', 'use', 'exec']);
