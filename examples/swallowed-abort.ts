// Pitfall: cancellation that is caught and dropped (rules `no-swallowed-abort` and
// `require-signal-propagation`).
//
// A job runner. The caller (a shutdown handler, a client that disconnected) aborts the signal it passed
// in; each `BUG` catch turns that "stop" into a fake success, a retry, or a loop that never ends.
// Signals a function creates itself (a local AbortController, AbortSignal.timeout) are its own to
// ignore: not reported.
import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Job {
  id: string;
  url: string;
  attempts: number;
}

export interface JobQueue extends EventEmitter {
  next(options: { signal: AbortSignal }): Promise<Job>;
  complete(job: Job, result: string): Promise<void>;
}

export interface RunOptions {
  signal: AbortSignal;
  retries?: number;
}

export async function runJob(job: Job, { signal }: RunOptions): Promise<string | null> {
  try {
    const response = await fetch(job.url, { signal });
    return await response.text();
  } catch (error) { // BUG: an abort is logged as a failure…
    console.error(`job ${job.id} failed`, error);
    return null; // …and the runner carries on as if the job had finished
  }
}

export async function runWithRetries(job: Job, options: RunOptions): Promise<string | undefined> {
  for (let attempt = 0; attempt <= (options.retries ?? 3); attempt++) {
    try {
      const response = await fetch(job.url, { signal: options.signal });
      return await response.text();
    } catch (error) { // BUG: recognises the abort below, then reports a normal completion instead of rethrowing
      if (error instanceof Error && error.name === 'AbortError') {
        return undefined;
      }
      await sleep(2 ** attempt * 100, undefined, { signal: options.signal });
    }
  }
  return undefined;
}

export function loadPreview(url: string, signal: AbortSignal): Promise<string> {
  return fetch(url, { signal })
    .then((response) => response.text())
    .catch(() => ''); // BUG: the rejection handler turns an abort into an empty preview
}

export async function work(queue: JobQueue, signal: AbortSignal): Promise<void> {
  for (;;) {
    try {
      const job = await queue.next({ signal });
      await queue.complete(job, (await runJob(job, { signal })) ?? 'failed');
    } catch (error) { // BUG: after an abort this loop spins forever
      console.warn('worker error, continuing', error);
    }
  }
}

export async function fetchReport(id: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(`https://reports.internal/${id}`); // BUG: the caller's signal stops here
  await sleep(100); // BUG: this wait cannot be cancelled either
  return response.text();
}

export async function waitForDrain(queue: JobQueue, options: RunOptions): Promise<void> {
  await once(queue, 'drain'); // BUG: `options.signal` is not passed, a shutdown waits forever
}

// OK: rethrow when the caller aborted, handle everything else.
export async function runJobCorrectly(job: Job, { signal }: RunOptions): Promise<string | null> {
  try {
    const response = await fetch(job.url, { signal });
    return await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    console.error(`job ${job.id} failed`, error);
    return null;
  }
}

export async function workCorrectly(queue: JobQueue, signal: AbortSignal): Promise<void> {
  for (;;) {
    signal.throwIfAborted();
    try {
      const job = await queue.next({ signal });
      await queue.complete(job, (await runJobCorrectly(job, { signal })) ?? 'failed');
    } catch (error) {
      signal.throwIfAborted();
      console.warn('worker error, continuing', error);
    }
  }
}

export async function fetchReportCorrectly(id: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(`https://reports.internal/${id}`, { signal });
  await sleep(100, undefined, { signal });
  return response.text();
}

// OK: a signal this function owns; giving up after 5 s is the point.
export async function probe(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return response.ok;
  } catch {
    return false;
  }
}

// OK: wrapping and rethrowing keeps the abort flowing.
export async function fetchOrExplain(url: string, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    throw new Error(`could not fetch ${url}`, { cause: error });
  }
}
