import type { ApiTarget } from '../util/resolve-import.js';

/**
 * The timer APIs, as plain data: what schedules work on the event loop and what cancels it.
 * Node keeps the process alive while a referenced timer is armed, so a timer nobody can clear holds
 * both the process and its callback's closure.
 */

/** `timeout` fires once, `interval` repeats until cleared, `immediate` fires on the next turn. */
export type TimerKind = 'timeout' | 'interval' | 'immediate';

export interface TimerInfo {
  kind: TimerKind;
  /** The function that cancels a handle of this kind (`clearTimeout` and `clearInterval` are interchangeable in Node and browsers). */
  clear: 'clearTimeout' | 'clearInterval' | 'clearImmediate';
}

const TIMER_FUNCTIONS: readonly (readonly [string, TimerInfo])[] = [
  ['setTimeout', { kind: 'timeout', clear: 'clearTimeout' }],
  ['setInterval', { kind: 'interval', clear: 'clearInterval' }],
  ['setImmediate', { kind: 'immediate', clear: 'clearImmediate' }],
];

/** The callback timers: global (also as `globalThis.setTimeout`) and `node:timers`, in every import spelling. */
export const TIMER_APIS: readonly ApiTarget<TimerInfo>[] = TIMER_FUNCTIONS.flatMap(([name, info]): ApiTarget<TimerInfo>[] => [
  { global: name, path: [], info },
  { module: 'timers', path: [name], info },
  { module: 'timers', path: ['default', name], info },
]);

/** The functions that cancel a timer handle. Any of them clears any kind in Node. */
export const TIMER_CLEAR_FUNCTIONS: ReadonlySet<string> = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);

/** Methods of a Node `Timeout` that cancel it (`timer.close()`, `timer[Symbol.dispose]()`). */
export const TIMER_CLOSE_METHODS: ReadonlySet<string> = new Set(['close']);

/** Methods of a Node `Timeout` that only read or re-arm it: they neither clear nor hand the handle on. */
export const TIMER_READ_METHODS: ReadonlySet<string> = new Set(['hasRef', 'ref', 'refresh']);

/** The method that lets the process exit while the timer is armed (the timer still holds its closure). */
export const TIMER_UNREF_METHOD = 'unref';

export interface PromiseTimerInfo {
  kind: 'timeout' | 'interval';
  /** Index of the options argument that may carry `{ signal }`. */
  optionsIndex: number;
}

/**
 * `timers/promises`: `setTimeout(ms)` is a promise of one tick; `setInterval(ms)` an async iterator that
 * ticks until the loop over it breaks (its `return()` clears the interval) or its `signal` aborts.
 */
export const PROMISE_TIMER_APIS: readonly ApiTarget<PromiseTimerInfo>[] = [
  { module: 'timers/promises', path: ['setTimeout'], info: { kind: 'timeout', optionsIndex: 2 } },
  { module: 'timers/promises', path: ['default', 'setTimeout'], info: { kind: 'timeout', optionsIndex: 2 } },
  { module: 'timers', path: ['promises', 'setTimeout'], info: { kind: 'timeout', optionsIndex: 2 } },
  { module: 'timers/promises', path: ['setInterval'], info: { kind: 'interval', optionsIndex: 2 } },
  { module: 'timers/promises', path: ['default', 'setInterval'], info: { kind: 'interval', optionsIndex: 2 } },
  { module: 'timers', path: ['promises', 'setInterval'], info: { kind: 'interval', optionsIndex: 2 } },
];

/** `events.addAbortListener(signal, fn)` (Node ≥ 20.5): the listener is removed by disposing its result. */
export const ADD_ABORT_LISTENER_APIS: readonly ApiTarget[] = [
  { module: 'events', path: ['addAbortListener'] },
  { module: 'events', path: ['default', 'addAbortListener'] },
  { module: 'events', path: ['EventEmitter', 'addAbortListener'] },
];

/** Methods that register an event listener, and the ones that remove them. */
export const LISTENER_ADD_METHODS: ReadonlySet<string> = new Set(['on', 'addListener', 'addEventListener', 'prependListener']);
/** Registrations that remove themselves after the first event. */
export const LISTENER_ONCE_METHODS: ReadonlySet<string> = new Set(['once', 'prependOnceListener']);
export const LISTENER_REMOVE_METHODS: ReadonlySet<string> = new Set([
  'off',
  'removeListener',
  'removeEventListener',
  'removeAllListeners',
]);

/**
 * Framework hooks whose callback may return a cleanup function (React effects, Svelte `onMount`):
 * returning `() => clearInterval(timer)` from them is the idiomatic fix.
 */
export const CLEANUP_RETURNING_HOOKS: ReadonlySet<string> = new Set([
  'useEffect',
  'useLayoutEffect',
  'useInsertionEffect',
  'onMount',
]);

/** Method names that end an instance's life: a timer they do not clear outlives the instance. */
export const TEARDOWN_METHOD_NAMES: readonly string[] = [
  'stop',
  'close',
  'destroy',
  'dispose',
  'disconnect',
  'shutdown',
  'end',
  'terminate',
  'teardown',
  'cancel',
  'abort',
];

/**
 * Callback schedulers that are not timers: nothing can cancel them, and like timers they ignore what the
 * callback returns (`queueMicrotask`, `process.nextTick`).
 */
export const MICROTASK_APIS: readonly ApiTarget[] = [
  { global: 'queueMicrotask', path: [] },
  { global: 'process', path: ['nextTick'] },
  { module: 'process', path: ['nextTick'] },
  { module: 'process', path: ['default', 'nextTick'] },
];
