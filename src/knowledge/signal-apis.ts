import type { ApiTarget } from '../util/resolve-import.js';

/**
 * Where a signal-taking API takes its `AbortSignal`: always as the `signal` property of an options
 * object, at a place in the argument list that this record describes.
 */
export interface SignalSlot {
  /** How the API is named in messages (`fetch()`, `setTimeout()` from `timers/promises`). */
  name: string;
  /** The index of the options argument (`fetch(url, init)`: 1). Ignored when `variadic`. */
  optionsIndex: number;
  /**
   * How many arguments must be written before the options for the call to make sense; missing ones up to
   * `optionsIndex` are filled with `undefined` when the options are added (`setTimeout(ms)` from
   * timers/promises becomes `setTimeout(ms, undefined, { signal })`).
   */
  requiredArguments: number;
  /** An argument list (an array) may sit at `optionsIndex`, moving the options one later: `spawn(cmd, args, options)`. */
  argumentArrayFirst?: boolean;
  /** A trailing callback follows the options and may be written without them: `exec(cmd, options, cb)`. */
  callbackLast?: boolean;
  /** The options are the last argument after any number of streams: `pipeline(...streams, { signal })`. */
  variadic?: boolean;
  /** A string at the options place is an encoding: `readFile(path, 'utf8')` means `{ encoding: 'utf8' }`. */
  encodingShorthand?: boolean;
  /**
   * A whole-file read or write (`readFile`, `writeFile` from fs/promises): it ends once the file is read or
   * written, and Node's own docs say an abort only stops its internal buffering between chunks, never the
   * operating system's request. On one local file the caller's abort is seen a few milliseconds later anyway.
   */
  wholeFile?: boolean;
}

/** A signal-taking module export or global, as `findApiReferences` targets. */
export type SignalApiTarget = ApiTarget<SignalSlot>;

/** A signal-taking method found on any receiver (`target.addEventListener(type, listener, { signal })`). */
export interface SignalMethod extends SignalSlot {
  method: string;
}

const fetchSlot: SignalSlot = { name: 'fetch()', optionsIndex: 1, requiredArguments: 1 };

function timers(path: readonly string[], optionsIndex: number): SignalApiTarget[] {
  // Messages wrap the name in backticks: closing and reopening them keeps "from" out of the code span.
  const info: SignalSlot = { name: `${path.join('.')}()\` from \`timers/promises`, optionsIndex, requiredArguments: 0 };
  return [
    { module: 'timers/promises', path, info },
    { module: 'timers', path: ['promises', ...path], info },
  ];
}

function events(name: 'once' | 'on'): SignalApiTarget[] {
  const info: SignalSlot = { name: `events.${name}()`, optionsIndex: 2, requiredArguments: 2 };
  return [
    { module: 'events', path: [name], info },
    { module: 'events', path: ['EventEmitter', name], info },
    { module: 'events', path: ['default', name], info },
  ];
}

function streams(name: 'pipeline' | 'finished'): SignalApiTarget[] {
  const info: SignalSlot =
    name === 'pipeline'
      ? { name: 'pipeline() from stream/promises', optionsIndex: -1, requiredArguments: 2, variadic: true }
      : { name: 'finished() from stream/promises', optionsIndex: 1, requiredArguments: 1 };
  return [
    { module: 'stream/promises', path: [name], info },
    { module: 'stream', path: ['promises', name], info },
  ];
}

function fsPromises(name: string, optionsIndex: number, encodingShorthand: boolean, wholeFile: boolean): SignalApiTarget[] {
  const info: SignalSlot = {
    name: `${name}() from fs/promises`,
    optionsIndex,
    requiredArguments: optionsIndex,
    ...(encodingShorthand ? { encodingShorthand } : {}),
    ...(wholeFile ? { wholeFile } : {}),
  };
  return [
    { module: 'fs/promises', path: [name], info },
    { module: 'fs', path: ['promises', name], info },
  ];
}

function childProcess(name: string, slot: Omit<SignalSlot, 'name'>): SignalApiTarget[] {
  return [{ module: 'child_process', path: [name], info: { name: `${name}() from child_process`, ...slot } }];
}

/**
 * Module exports and globals that take an `AbortSignal` in their options. Left out on purpose: the global
 * callback `setTimeout`/`setInterval` (no signal: cleared with `clearTimeout`), callback-style `fs` and
 * `stream` functions (their options are optional in the middle of the arguments and rarely cancelled),
 * and `http.request` (its options may come first or second).
 */
export const SIGNAL_APIS: readonly SignalApiTarget[] = [
  { global: 'fetch', path: [], info: fetchSlot },
  ...timers(['setTimeout'], 2),
  ...timers(['setImmediate'], 1),
  ...timers(['setInterval'], 2),
  ...timers(['scheduler', 'wait'], 1),
  ...events('once'),
  ...events('on'),
  ...streams('pipeline'),
  ...streams('finished'),
  ...fsPromises('readFile', 1, true, true),
  ...fsPromises('writeFile', 2, true, true),
  ...fsPromises('watch', 1, true, false),
  ...childProcess('exec', { optionsIndex: 1, requiredArguments: 1, callbackLast: true }),
  ...childProcess('execFile', { optionsIndex: 1, requiredArguments: 1, argumentArrayFirst: true, callbackLast: true }),
  ...childProcess('spawn', { optionsIndex: 1, requiredArguments: 1, argumentArrayFirst: true }),
  ...childProcess('fork', { optionsIndex: 1, requiredArguments: 1, argumentArrayFirst: true }),
];

/** Methods that take a signal whatever their receiver is. */
export const SIGNAL_METHODS: readonly SignalMethod[] = [
  { method: 'addEventListener', name: 'addEventListener()', optionsIndex: 2, requiredArguments: 2 },
];

/** `signal`, `abortSignal`, `parentSignal`: names that say "this is an AbortSignal". */
export function isSignalName(name: string): boolean {
  return name === 'signal' || /^[a-z][A-Za-z0-9]*Signal$/u.test(name);
}

/** Property names under which an options bag carries a signal (`options.signal`, `init.signal`). */
export const SIGNAL_PROPERTY_NAMES: ReadonlySet<string> = new Set(['signal', 'abortSignal']);

/** The error names an abort rejects with: `abort()` gives AbortError, `AbortSignal.timeout()` TimeoutError. */
export const ABORT_ERROR_NAMES: ReadonlySet<string> = new Set(['AbortError']);
export const TIMEOUT_ERROR_NAMES: ReadonlySet<string> = new Set(['TimeoutError']);

/** The `code` Node gives its abort errors. */
export const ABORT_ERROR_CODES: ReadonlySet<string> = new Set(['ABORT_ERR']);
