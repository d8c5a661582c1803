// Pitfall: timers, intervals and listeners that nothing can clear (rule `no-leaked-timers`).
//
// A connection with a heartbeat and request timeouts. Each `BUG` leaves a timer armed (holding the
// process open: a CLI that hangs for 30 s before exiting, a test runner that reports open handles) or a
// listener attached, one more per call under load (MaxListenersExceededWarning).
import type { EventEmitter } from 'node:events';

export interface Transport extends EventEmitter {
  send(message: string): void;
  request(message: string, options?: { signal?: AbortSignal }): Promise<string>;
  close(): void;
}

export class Heartbeat {
  constructor(private readonly transport: Transport) {}

  start(): void {
    setInterval(() => this.transport.send('ping'), 30_000); // BUG: no method of Heartbeat can stop it
  }

  close(): void {
    this.transport.close(); // …and the interval keeps firing on a closed transport
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      // BUG: when `work` wins the race, this timer stays armed for `ms` more, one per call.
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}

export function reportStats(transport: Transport): void {
  const timer = setInterval(() => transport.send('stats'), 10_000); // BUG: stored, never cleared, never handed out
  console.log(`stats every 10 s (${typeof timer})`);
}

export function onCancel(signal: AbortSignal, transport: Transport): void {
  // BUG: a long-lived signal collects one listener per call; `{ once: true }` (what --fix adds) releases it.
  signal.addEventListener('abort', () => transport.close());
}

export async function sendAll(transport: Transport, messages: AsyncIterable<string>): Promise<void> {
  for await (const message of messages) {
    transport.on('error', (error) => console.error(`could not send ${message}`, error)); // BUG: one more listener per message, never removed
    transport.send(message);
  }
}

// OK: one listener per transport, added once; nothing piles up on any emitter.
export function watchAll(transports: Transport[], onError: (error: Error) => void): void {
  for (const transport of transports) {
    transport.on('error', onError);
  }
}

// OK: the handle is kept on `this` and a method clears it.
export class Poller {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly transport: Transport) {}

  start(): void {
    this.timer = setInterval(() => this.transport.send('poll'), 5_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

// OK: cleared in `finally`, whichever side wins.
export async function withTimeoutCorrectly<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// OK: the work takes a signal, so AbortSignal.timeout() replaces the race.
export function requestWithTimeout(transport: Transport, message: string, ms: number): Promise<string> {
  return transport.request(message, { signal: AbortSignal.timeout(ms) });
}

// OK: a returned cleanup clears it (the effect-style idiom).
export function startStats(transport: Transport): () => void {
  const timer = setInterval(() => transport.send('stats'), 10_000);
  return () => clearInterval(timer);
}

// OK: unref'ed, so it never holds the process open.
export function startSweeper(sweep: () => void): void {
  setInterval(sweep, 60_000).unref();
}

// OK: a one-shot delay that races nothing, and an awaited sleep.
export async function reconnectLater(transport: Transport): Promise<void> {
  setTimeout(() => transport.send('reconnect'), 1_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

// OK: an abort fires at most once; `once` removes the listener with it.
export function onCancelCorrectly(signal: AbortSignal, transport: Transport): void {
  signal.addEventListener('abort', () => transport.close(), { once: true });
}
