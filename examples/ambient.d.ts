// The concurrency limiters that unbounded-concurrency.ts shows. They are not dependencies of this
// repository, so their shapes are declared here for the type-check; the rule recognises them by import.
declare module 'p-limit' {
  export default function pLimit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T>;
}

declare module 'p-map' {
  export default function pMap<T, R>(
    input: Iterable<T>,
    mapper: (item: T, index: number) => Promise<R>,
    options?: { concurrency?: number; signal?: AbortSignal },
  ): Promise<R[]>;
}
