// Every rule, typed, over types that make TypeScript's checker recurse deeply or throw. What must hold:
// no rule throws (one throw ends the user's whole lint run), and deliberate code stays quiet. The cases
// also reach each rule's typed questions: floating calls, awaited arrays, mapped callbacks, signals,
// timers and blocking calls whose values have these types.
import { rules } from '../src/rules.js';
import { typedTester } from './rule-tester.js';

/** A 200-member union of objects, each with a method returning a promise: a wide type to walk. */
const WIDE_UNION = Array.from({ length: 200 }, (_, i) => `{ kind: ${i}; run(): Promise<${i}> }`).join(' | ');

/** Code that every rule must lint without throwing and without a report. */
const quiet: Record<string, string> = {
  'recursive generic interface reached through a generic factory and typeof x.method<any>': `
interface Link<P> {
  follow: () => Link<P>;
}
declare const makeLinker: () => {
  follow: <T>() => Link<T>;
};
function keep<T>(get: () => Link<T>) {
  return get;
}
export async function run() {
  await (async () => {
    keep(() => {
      const linker = makeLinker();
      return keep<typeof linker.follow<any>>(linker.follow);
    });
  })();
}
`,
  'recursive generic interface whose method returns it with a growing type argument': `
interface Chain<T> {
  next<U>(value: U): Chain<[T, U]>;
  both<U>(): Chain<T & U>;
  done(): Promise<T>;
  size: number;
}
declare function start<T>(): Chain<T>;
export async function run(signal: AbortSignal) {
  const chain = start<string>().next(1).next(true).both<{ a: 1 }>();
  chain.next(2).both<{ b: 2 }>();
  await chain.done();
  const all = await Promise.all([chain, chain.next(1)].map((c) => c.done()));
  setTimeout(() => chain.next(3), chain.size).unref();
  if (signal.aborted) return all;
  return all;
}
`,
  'recursive generic class': `
export class Tree<T> {
  children: Tree<Tree<T>>[] = [];
  constructor(readonly value: T) {}
  map<U>(f: (value: T) => U): Tree<U> {
    return new Tree(f(this.value));
  }
  deeper(): Tree<Tree<Tree<T>>> {
    return new Tree(new Tree(this));
  }
  async load(signal?: AbortSignal): Promise<Tree<T>> {
    signal?.throwIfAborted();
    return this;
  }
}
export async function walk(tree: Tree<Tree<string>>, signal: AbortSignal) {
  tree.deeper().deeper().map((t) => t.deeper());
  await tree.load(signal);
  for (const child of tree.children) await child.load(signal);
  await Promise.all(tree.children.slice(0, 4).map((child) => child.load(signal)));
}
`,
  'mutually recursive type aliases': `
type Ping<T> = { pong: Pong<T[]>; value: T } | Promise<Ping<[T]>>;
type Pong<T> = { ping: Ping<{ inner: T }> } | ReadonlyArray<Pong<T>> | T;
declare function bounce<T>(value: Ping<T>): Pong<T>;
declare const ball: Ping<string>;
export async function play() {
  bounce(ball);
  const settled = await ball;
  return settled;
}
`,
  'deeply nested conditional and mapped types': `
type Depth = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
type Deep<T, N extends number = 25> = N extends 0
  ? T
  : { [K in keyof T]: Deep<T[K], Depth[N] extends number ? Exclude<N, N> | Depth[N] : 0> } & {
      next: T extends Promise<infer V> ? Deep<V, 0> : Deep<{ value: T }, 0>;
    };
type Unwrap<T> = T extends PromiseLike<infer V> ? Unwrap<V> : T extends readonly (infer E)[] ? Unwrap<E>[] : T;
declare function deepen<T>(value: T): Deep<T>;
declare function settle<T>(value: T): Unwrap<T>;
export async function use(options: Deep<{ signal: AbortSignal; items: Promise<number>[] }>) {
  deepen({ a: { b: { c: Promise.resolve(1) } } });
  settle([Promise.resolve([Promise.resolve(1)])]);
  const values = await Promise.all(options.items);
  return values;
}
`,
  'a 200-member union': `
type Job = ${WIDE_UNION};
declare const jobs: Job[];
declare function pick(): Job;
export async function runAll() {
  pick().kind;
  await pick().run();
  for (const job of jobs) await job.run();
  const results = await Promise.all(jobs.slice(0, 2).map((job) => job.run()));
  return results;
}
`,
  'thenables whose then returns the thenable': `
interface Lazy<T> {
  then(onfulfilled?: (value: T) => unknown, onrejected?: (reason: unknown) => unknown): Lazy<T>;
  where(column: string): Lazy<T>;
}
interface Loop {
  then: Loop;
}
declare function query<T>(table: string): Lazy<T>;
declare const loop: Loop;
export async function rows() {
  loop.then.then.then;
  const found = await query<{ id: number }>('users').where('id');
  return query<{ id: number }>('users').where('name');
}
`,
};

for (const [id, rule] of Object.entries(rules)) {
  typedTester.run(`${id} (typed, pathological types)`, rule, {
    valid: Object.entries(quiet).map(([name, code]) => ({ name, code })),
    invalid: [],
  });
}

// The crash as users met it: `no-missing-await` asked the checker for the type of the floating IIFE,
// and TypeScript overflowed its stack printing `typeof linker.follow<any>` for a diagnostic. Now the
// checker's failure means "unknown", and the syntactic answer (an async IIFE is a promise) stands.
const CRASH = `interface Link<P> {
  follow: () => Link<P>;
}
declare const makeLinker: () => {
  follow: <T>() => Link<T>;
};
function keep<T>(get: () => Link<T>) {
  return get;
}
(async () => {
  keep(() => {
    const linker = makeLinker();
    return keep<typeof linker.follow<any>>(linker.follow);
  });
  await makeLinker();
})();`;

typedTester.run('no-missing-await (typed, the checker overflows its stack)', rules['no-missing-await']!, {
  valid: [],
  invalid: [
    {
      code: CRASH,
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 10,
          column: 1,
          suggestions: [
            { messageId: 'addAwait', output: CRASH.replace('(async () => {', 'await (async () => {') },
            { messageId: 'addVoid', output: CRASH.replace('(async () => {', 'void (async () => {') },
            { messageId: 'addCatch', output: `${CRASH.slice(0, -1)}.catch((error) => console.error(error));` },
          ],
        },
      ],
    },
  ],
});
