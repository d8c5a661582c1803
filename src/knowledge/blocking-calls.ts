import type { ApiTarget } from '../util/resolve-import.js';

/**
 * Synchronous APIs that block the event loop, with what to use instead. Plain data: a rule resolves
 * these through `findApiReferences` (every import, require and global spelling) and reads `info`.
 * To cover a new API, add an entry here; nothing else needs to change.
 */
export interface BlockingCallInfo {
  /** The API as users know it, for messages and the allow option: `readFileSync`, `Deno.readFileSync`. */
  name: string;
  /** Where it comes from, as imported: `node:fs`, `bcrypt`; the global (`Deno`, `Bun`, `Atomics`) for globals. */
  source: string;
  /** What to use instead, as Markdown for messages and docs: "`readFile()` from `node:fs/promises`". */
  alternative: string;
  remedy: BlockingRemedy;
  /**
   * A call bounded by one path, which the rule's options may leave to loops (see `CALL_COSTS`):
   * `exists` for the existence checks, `metadata` for the other metadata calls, `unless-recursive` for
   * removals that are one `unlink`/`rmdir` unless their options ask for a recursive walk, and `file`
   * for reading or writing one file, or listing one directory.
   */
  cost?: CheapCost;
}

export type CheapCost = 'exists' | 'metadata' | 'unless-recursive' | 'file';

/**
 * How the rule can rewrite a call:
 * - `fs-promises`: the `fs/promises` twin takes the same arguments and resolves to the same result;
 *   `fix` says whether that holds for every input (the `--fix` list), else it is only reported;
 * - `promisify`: the callback twin of the same module, through `util.promisify` (a suggestion; `stdout`
 *   when the sync call returned the output and the promisified one resolves to `{ stdout, stderr }`);
 * - `member-twin`: the same object has a promise-returning twin with the same arguments (a suggestion,
 *   offered when the call is written as a member call, `bcrypt.hashSync(…)` → `await bcrypt.hash(…)`);
 * - `exists`: `existsSync`, which has no promise twin (a suggestion using `access()`);
 * - `wait-async`: `Atomics.wait` → `await Atomics.waitAsync(…).value` (a suggestion);
 * - `none`: reported, with the alternative named in the message.
 */
export type BlockingRemedy =
  | { kind: 'fs-promises'; name: string; fix: boolean }
  | { kind: 'promisify'; module: string; name: string; stdout?: boolean }
  | { kind: 'member-twin'; name: string }
  | { kind: 'exists' }
  | { kind: 'wait-async' }
  | { kind: 'none' };

export type BlockingCallTarget = ApiTarget<BlockingCallInfo>;

/**
 * The calls bounded by one path, by name, for every file-system module of the catalogue (`node:fs`,
 * `graceful-fs`, `fs-extra`, `Deno`), with the cost class the rule's options leave to loops:
 * - `exists` and `metadata`: one or a few system calls on one path that move no file data; on a local
 *   disk they take microseconds;
 * - `unless-recursive`: a removal that is one `unlink`/`rmdir` unless its options ask for a tree walk;
 * - `file`: reading or writing one file, or listing one directory. The cost is that one file's size, so
 *   the call blocks a server on every request but a person only for a moment (`checkFileReadsAndWrites:
 *   false` leaves these to loops).
 * Tree walks and copies (`cpSync`, fs-extra's `copySync`, `moveSync`, `emptyDirSync`, `removeSync`,
 * globs), crypto, compression and child processes are not on this list: their cost has no such bound,
 * or is the CPU's.
 */
export const CALL_COSTS: ReadonlyMap<string, CheapCost> = new Map<string, CheapCost>([
  ['existsSync', 'exists'],
  ['pathExistsSync', 'exists'],
  ...withCost('metadata', [
    'accessSync', 'chmodSync', 'chownSync', 'lchmodSync', 'lchownSync', 'linkSync', 'lstatSync', 'lutimesSync',
    'mkdirSync', 'mkdtempSync', 'readlinkSync', 'realpathSync', 'realpathSync.native', 'renameSync', 'statSync',
    'statfsSync', 'symlinkSync', 'unlinkSync', 'utimesSync',
    // fs-extra: `mkdir -p`, a few `stat`/`mkdir` calls.
    'ensureDirSync', 'mkdirpSync', 'mkdirsSync',
    // Deno's spellings of the same calls.
    'makeTempDirSync', 'readLinkSync', 'realPathSync', 'utimeSync',
  ]),
  ['rmdirSync', 'unless-recursive'],
  ['rmSync', 'unless-recursive'],
  // Deno.removeSync; fs-extra's removeSync is always recursive, so it is not on this list.
  ['Deno.removeSync', 'unless-recursive'],
  ...withCost('file', [
    'appendFileSync', 'copyFileSync', 'opendirSync', 'readFileSync', 'readdirSync', 'truncateSync', 'writeFileSync',
    // File-descriptor I/O: one system call on a file the code has open.
    'closeSync', 'fchmodSync', 'fchownSync', 'fdatasyncSync', 'fstatSync', 'fsyncSync', 'ftruncateSync', 'futimesSync',
    'openSync', 'readSync', 'readvSync', 'writeSync', 'writevSync',
    // fs-extra: one file read or written, its folder created first.
    'ensureFileSync', 'ensureLinkSync', 'ensureSymlinkSync', 'outputFileSync', 'outputJSONSync', 'outputJsonSync',
    'readJSONSync', 'readJsonSync', 'writeJSONSync', 'writeJsonSync',
    // Deno's spellings.
    'createSync', 'makeTempFileSync', 'readDirSync', 'readTextFileSync', 'writeTextFileSync',
  ]),
]);

function withCost(cost: CheapCost, names: readonly string[]): [string, CheapCost][] {
  return names.map((name) => [name, cost]);
}

function costOf(source: string, name: string): CheapCost | undefined {
  if (source === 'fs-extra' && name === 'removeSync') return undefined;
  // write-file-atomic's `sync`: one file written to a temporary name and renamed.
  if (source === 'write-file-atomic') return 'file';
  return CALL_COSTS.get(source === 'Deno' ? (name === 'Deno.removeSync' ? name : name.slice('Deno.'.length)) : name);
}

/** `node:fs` sync methods that are path-based and whose `fs/promises` twin is a drop-in (the `--fix` list). */
export const FS_FIXABLE = [
  'accessSync', 'appendFileSync', 'chmodSync', 'chownSync', 'copyFileSync', 'cpSync', 'linkSync', 'lstatSync',
  'mkdirSync', 'mkdtempSync', 'readFileSync', 'readdirSync', 'readlinkSync', 'realpathSync', 'renameSync',
  'rmSync', 'rmdirSync', 'statSync', 'symlinkSync', 'truncateSync', 'unlinkSync', 'utimesSync', 'writeFileSync',
] as const;

/** Path-based, with an `fs/promises` twin, but not on the drop-in list: reported, not fixed. */
const FS_WITH_TWIN = ['lchownSync', 'lutimesSync', 'opendirSync', 'statfsSync'] as const;

/** File-descriptor based: the promise API works on a `FileHandle` instead, so the code must change shape. */
const FS_FD_BASED = [
  'closeSync', 'fchmodSync', 'fchownSync', 'fdatasyncSync', 'fstatSync', 'fsyncSync', 'ftruncateSync', 'futimesSync',
  'openSync', 'readSync', 'readvSync', 'writeSync', 'writevSync',
] as const;

/** The rest: no direct promise twin with the same arguments and result. */
const FS_OTHER: readonly (readonly [name: string, alternative: string])[] = [
  ['existsSync', '`access()` from `node:fs/promises` (or just try the operation and handle `ENOENT`)'],
  ['globSync', '`glob()` from `node:fs/promises` (an async iterator)'],
  ['lchmodSync', '`lchmod()` from `node:fs/promises`'],
  ['mkdtempDisposableSync', '`mkdtempDisposable()` from `node:fs/promises`'],
];

/** graceful-fs re-exports fs; its calls are reported but not rewritten (its `promises` may not be patched). */
const FS_MODULES = ['fs', 'graceful-fs'] as const;

function withoutSync(name: string): string {
  return name.endsWith('Sync') ? name.slice(0, -4) : name;
}

function fsTargets(): BlockingCallTarget[] {
  const targets: BlockingCallTarget[] = [];
  const add = (name: string, alternative: string, remedy: BlockingRemedy, path: readonly string[] = [name]): void => {
    for (const module of FS_MODULES) {
      const source = module === 'fs' ? 'node:fs' : module;
      targets.push({ module, path, info: { name: path.join('.'), source, alternative, remedy: module === 'fs' ? remedy : { kind: 'none' } } });
    }
  };
  for (const name of FS_FIXABLE) {
    const twin = withoutSync(name);
    add(name, `\`${twin}()\` from \`node:fs/promises\``, { kind: 'fs-promises', name: twin, fix: true });
  }
  for (const name of FS_WITH_TWIN) {
    const twin = withoutSync(name);
    add(name, `\`${twin}()\` from \`node:fs/promises\``, { kind: 'fs-promises', name: twin, fix: false });
  }
  for (const name of FS_FD_BASED) {
    add(name, 'a `FileHandle` from `open()` in `node:fs/promises`', { kind: 'none' });
  }
  for (const [name, alternative] of FS_OTHER) {
    add(name, alternative, name === 'existsSync' ? { kind: 'exists' } : { kind: 'none' });
  }
  add('realpathSync.native', '`realpath()` from `node:fs/promises`', { kind: 'none' }, ['realpathSync', 'native']);
  return targets;
}

/** fs-extra: every fs method plus its own; with no callback each async method returns a promise. */
const FS_EXTRA_OWN = [
  'copySync', 'emptyDirSync', 'emptydirSync', 'ensureDirSync', 'ensureFileSync', 'ensureLinkSync', 'ensureSymlinkSync',
  'mkdirpSync', 'mkdirsSync', 'moveSync', 'outputFileSync', 'outputJSONSync', 'outputJsonSync', 'pathExistsSync',
  'readJSONSync', 'readJsonSync', 'removeSync', 'writeJSONSync', 'writeJsonSync',
] as const;

/** The fs methods fs-extra wraps so that, without a callback, they return a promise. */
const FS_EXTRA_WRAPPED = [
  'accessSync', 'appendFileSync', 'chmodSync', 'chownSync', 'copyFileSync', 'lchownSync', 'linkSync', 'lstatSync',
  'mkdirSync', 'mkdtempSync', 'opendirSync', 'readFileSync', 'readdirSync', 'readlinkSync', 'realpathSync',
  'renameSync', 'rmSync', 'rmdirSync', 'statSync', 'symlinkSync', 'truncateSync', 'unlinkSync', 'utimesSync',
  'writeFileSync',
] as const;

function fsExtraTargets(): BlockingCallTarget[] {
  const names = [...FS_EXTRA_WRAPPED, 'existsSync', ...FS_EXTRA_OWN];
  return names.map((name): BlockingCallTarget => {
    const twin = name === 'existsSync' ? 'pathExists' : withoutSync(name);
    return {
      module: 'fs-extra',
      path: [name],
      info: { name, source: 'fs-extra', alternative: `\`${twin}()\` from \`fs-extra\``, remedy: { kind: 'member-twin', name: twin } },
    };
  });
}

const CHILD_PROCESS: readonly (readonly [name: string, remedy: BlockingRemedy, alternative: string])[] = [
  ['execSync', { kind: 'promisify', module: 'child_process', name: 'exec', stdout: true }, '`promisify(exec)` from `node:util` and `node:child_process`'],
  ['execFileSync', { kind: 'promisify', module: 'child_process', name: 'execFile', stdout: true }, '`promisify(execFile)` from `node:util` and `node:child_process`'],
  ['spawnSync', { kind: 'none' }, '`spawn()` from `node:child_process` and wait for its `close` event'],
];

const CRYPTO = ['checkPrimeSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync', 'pbkdf2Sync', 'scryptSync'] as const;

const ZLIB = [
  'brotliCompressSync', 'brotliDecompressSync', 'deflateRawSync', 'deflateSync', 'gunzipSync', 'gzipSync',
  'inflateRawSync', 'inflateSync', 'unzipSync', 'zstdCompressSync', 'zstdDecompressSync',
] as const;

function promisifyTargets(module: string, names: readonly string[]): BlockingCallTarget[] {
  return names.map((name): BlockingCallTarget => {
    const twin = withoutSync(name);
    return {
      module,
      path: [name],
      info: {
        name,
        source: `node:${module}`,
        alternative: `\`promisify(${twin})\` from \`node:util\` and \`node:${module}\``,
        remedy: { kind: 'promisify', module, name: twin },
      },
    };
  });
}

/** Deno's sync file-system APIs; each twin without `Sync` takes the same arguments and resolves to the same value. */
const DENO = [
  'chmodSync', 'chownSync', 'copyFileSync', 'createSync', 'linkSync', 'lstatSync', 'makeTempDirSync', 'makeTempFileSync',
  'mkdirSync', 'openSync', 'readDirSync', 'readFileSync', 'readLinkSync', 'readTextFileSync', 'realPathSync', 'removeSync',
  'renameSync', 'statSync', 'symlinkSync', 'truncateSync', 'utimeSync', 'writeFileSync', 'writeTextFileSync',
] as const;

function globalTwinTargets(global: string, names: readonly string[]): BlockingCallTarget[] {
  return names.map((name): BlockingCallTarget => {
    const twin = withoutSync(name);
    return {
      global,
      path: [name],
      info: { name: `${global}.${name}`, source: global, alternative: `\`${global}.${twin}()\``, remedy: { kind: 'member-twin', name: twin } },
    };
  });
}

function plain(module: string, path: readonly string[], alternative: string, remedy: BlockingRemedy = { kind: 'none' }, esm = false): BlockingCallTarget {
  return { module, path, ...(esm ? { esm } : {}), info: { name: path.filter((p) => p !== 'default').join('.'), source: module, alternative, remedy } };
}

/** Third-party packages whose async twin lives in the same package. */
function thirdPartyTargets(): BlockingCallTarget[] {
  const targets: BlockingCallTarget[] = [];
  for (const module of ['bcrypt', 'bcryptjs']) {
    for (const name of ['compareSync', 'genSaltSync', 'hashSync']) {
      const twin = withoutSync(name);
      targets.push(plain(module, [name], `\`${twin}()\` from \`${module}\``, { kind: 'member-twin', name: twin }));
    }
  }
  targets.push(
    // glob ≥ 9 exports `globSync` and `glob.sync`; `glob()` returns a promise (before v9 it took a callback,
    // so no rewrite is offered).
    plain('glob', ['globSync'], '`glob()` from `glob`'),
    plain('glob', ['sync'], '`glob()` from `glob`'),
    plain('glob', ['glob', 'sync'], '`glob()` from `glob`'),
    plain('fast-glob', ['sync'], '`fg.glob()` from `fast-glob`'),
    plain('fast-glob', ['globSync'], '`glob()` from `fast-glob`'),
    plain('globby', ['globbySync'], '`globby()` from `globby`', { kind: 'none' }, true),
    plain('tinyglobby', ['globSync'], '`glob()` from `tinyglobby`'),
    plain('execa', ['execaSync'], '`execa()` from `execa`', { kind: 'none' }, true),
    plain('execa', ['execaCommandSync'], '`execaCommand()` from `execa`', { kind: 'none' }, true),
    plain('execa', ['execaNode', 'sync'], '`execa()` from `execa`', { kind: 'none' }, true),
    // execa ≤ 5 was CommonJS: `execa.sync`, `execa.commandSync`.
    plain('execa', ['sync'], '`execa()` from `execa`'),
    plain('execa', ['commandSync'], '`execa.command()` from `execa`'),
    plain('execa', ['default', 'sync'], '`execa()` from `execa`', { kind: 'none' }, true),
    plain('execa', ['default', 'commandSync'], '`execa.command()` from `execa`', { kind: 'none' }, true),
    plain('cross-spawn', ['sync'], '`spawn()` from `cross-spawn` and wait for its `close` event'),
    // write-file-atomic is CommonJS: the module is the promise-returning function, `.sync` its blocking twin.
    plain('write-file-atomic', ['sync'], 'the promise that `writeFileAtomic()` from `write-file-atomic` returns'),
  );
  return targets;
}

const ALL_BLOCKING_CALLS: readonly BlockingCallTarget[] = [
  ...fsTargets(),
  ...fsExtraTargets(),
  ...CHILD_PROCESS.map(([name, remedy, alternative]): BlockingCallTarget => ({
    module: 'child_process',
    path: [name],
    info: { name, source: 'node:child_process', alternative, remedy },
  })),
  ...promisifyTargets('crypto', CRYPTO),
  ...promisifyTargets('zlib', ZLIB),
  {
    global: 'Atomics',
    path: ['wait'],
    info: { name: 'Atomics.wait', source: 'Atomics', alternative: '`await Atomics.waitAsync(…).value`', remedy: { kind: 'wait-async' } },
  },
  ...globalTwinTargets('Deno', DENO),
  ...globalTwinTargets('Bun', ['sleepSync', 'zstdCompressSync', 'zstdDecompressSync']),
  {
    global: 'Bun',
    path: ['spawnSync'],
    info: { name: 'Bun.spawnSync', source: 'Bun', alternative: '`Bun.spawn()` and `await proc.exited`', remedy: { kind: 'none' } },
  },
  ...['gzipSync', 'gunzipSync', 'deflateSync', 'inflateSync'].map(
    (name): BlockingCallTarget => ({
      global: 'Bun',
      path: [name],
      info: { name: `Bun.${name}`, source: 'Bun', alternative: `\`promisify(${withoutSync(name)})\` from \`node:util\` and \`node:zlib\``, remedy: { kind: 'none' } },
    }),
  ),
  ...thirdPartyTargets(),
];

export const BLOCKING_CALLS: readonly BlockingCallTarget[] = ALL_BLOCKING_CALLS.map((target) => {
  const cost = costOf(target.info!.source, target.info!.name);
  return cost ? { ...target, info: { ...target.info!, cost } } : target;
});

/**
 * Clock reads that make a loop a busy-wait when its condition compares one against a deadline.
 * `new Date()` is matched syntactically (a `new` of the unshadowed global `Date`).
 */
export const CLOCK_READS: readonly ApiTarget[] = [
  { global: 'Date', path: ['now'] },
  { global: 'performance', path: ['now'] },
  { module: 'perf_hooks', path: ['performance', 'now'] },
  { global: 'process', path: ['hrtime'] },
  { global: 'process', path: ['hrtime', 'bigint'] },
  { module: 'process', path: ['hrtime'] },
  { module: 'process', path: ['hrtime', 'bigint'] },
  { global: 'Date', path: [], kind: 'construct' },
];
