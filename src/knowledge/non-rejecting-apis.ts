/**
 * Library and platform methods whose promise does not reject in normal use, so a call whose promise
 * floats loses nothing (issue 10, "promises that cannot reject"). A method is listed only when its own
 * documentation says that it does not reject (and its source agrees); "it rarely fails" is not enough.
 * Methods are matched with type information, by the declaration the checker resolves the call to: the
 * class or interface that declares it and the module (a Node module's `declare module`, or the package
 * whose files declare it). A same-named method of another object is not matched.
 *
 * Left out on purpose:
 * - `timers/promises` `setTimeout`/`setImmediate`/`scheduler.wait` and `scheduler.yield()`: they cannot
 *   reject without a signal, but a floating one is a forgotten `await`: the code meant to wait.
 * - `document.fonts.load()` (rejects when a face fails to load), `HTMLMediaElement.play()`,
 *   `Element.requestFullscreen()`, `BeforeInstallPromptEvent.prompt()` (rejects when called twice),
 *   Next.js `router.push()` (rejects when the new page's data loading throws), TanStack Query
 *   `mutateAsync()` (rejects on a failed mutation even when `onError`/`onSettled` are given; `mutate()`
 *   is the form that swallows).
 */
export interface NonRejectingMethods {
  /** The Node module (without `node:`) or the package whose declarations hold the method. */
  module: string;
  /** The class or interface that declares the methods. */
  owner: string;
  methods: readonly string[];
  /** An option that makes the promise reject when it is given (and not literally `false`). */
  rejectsWithOption?: string;
}

/** TanStack Query's `QueryClient`, in v4/v5 (`@tanstack/query-core`) and v3 (`react-query`). */
const QUERY_CLIENT_PACKAGES = ['@tanstack/query-core', 'react-query'];

export const NON_REJECTING_METHODS: readonly NonRejectingMethods[] = [
  // Node docs: "Returns a Promise for the exit code that is fulfilled when the 'exit' event is emitted";
  // the promise only resolves, and 'exit' is always emitted.
  { module: 'worker_threads', owner: 'Worker', methods: ['terminate'] },
  ...QUERY_CLIENT_PACKAGES.flatMap((module): NonRejectingMethods[] => [
    // Docs: prefetchQuery "will not return any data or throw any errors"; cancelQueries returns nothing to
    // handle (both end in `.catch(noop)`).
    { module, owner: 'QueryClient', methods: ['cancelQueries', 'prefetchInfiniteQuery', 'prefetchQuery'] },
    // Docs: `throwOnError` defaults to false, "in which case failed refetches are swallowed and not
    // surfaced to the caller".
    {
      module,
      owner: 'QueryClient',
      methods: ['invalidateQueries', 'refetchQueries', 'resetQueries'],
      rejectsWithOption: 'throwOnError',
    },
  ]),
];

/** Every method name in the catalogue: a cheap test before the checker is asked anything. */
export const NON_REJECTING_METHOD_NAMES: ReadonlySet<string> = new Set(NON_REJECTING_METHODS.flatMap((entry) => entry.methods));
