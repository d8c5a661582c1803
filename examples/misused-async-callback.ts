// Pitfall: async callbacks given to APIs that ignore or misread their promise (rule `no-misused-async-callback`).
//
// A mail queue worker. Each `BUG` hands a promise to code that drops it: the work is still running
// when the caller moves on, a filter keeps everything because a promise is truthy, and a rejection
// nobody handles ends the process (Node's default since v15).
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';

export interface Mail {
  id: string;
  to: string;
  body: string;
}

export interface MailStore {
  pending(): Promise<Mail[]>;
  isSuppressed(address: string): Promise<boolean>;
  markSent(id: string): Promise<void>;
  nextPage(): Promise<Mail[] | null>;
}

export declare function deliver(mail: Mail): Promise<void>;

export class MailWorker extends EventEmitter {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: MailStore) {
    super();
    // BUG: a failed delivery rejects inside the listener, where nothing handles it.
    this.on('mail', async (mail: Mail) => {
      await deliver(mail);
      await this.store.markSent(mail.id);
    });
  }

  async flush(): Promise<void> {
    const mails = await this.store.pending();
    // BUG: forEach does not wait: flush() resolves while the mails are still being sent.
    mails.forEach(async (mail) => {
      await deliver(mail);
    });
  }

  async deliverable(mails: Mail[]): Promise<Mail[]> {
    // BUG: every promise is truthy, so nothing is ever filtered out.
    return mails.filter(async (mail) => !(await this.store.isSuppressed(mail.to)));
  }

  start(): void {
    // BUG: one failed flush() and the process exits.
    this.timer = setInterval(async () => {
      await this.flush();
    }, 60_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  // OK: the listener catches what it awaits and reports it as the emitter's 'error' event.
  watch(queue: EventEmitter): void {
    queue.once('drain', async () => {
      try {
        await this.flush();
      } catch (error) {
        this.emit('error', error);
      }
    });
  }

  // OK: one mail after the other, and flushAll() resolves when they are all sent.
  async flushAll(): Promise<void> {
    for (const mail of await this.store.pending()) await deliver(mail);
  }
}

export function pages(store: MailStore): Readable {
  return new Readable({
    objectMode: true,
    // BUG: Node ignores this promise: when nextPage() fails, the stream neither errors nor ends.
    async read() {
      const page = await store.nextPage();
      for (const mail of page ?? []) this.push(mail);
      if (!page) this.push(null);
    },
  });
}

export function firstPage(store: MailStore): Promise<Mail[]> {
  // BUG: if nextPage() rejects, this promise never settles and its caller hangs.
  return new Promise(async (resolve) => {
    resolve((await store.nextPage()) ?? []);
  });
}

// OK: an emitter that turns a listener's rejection into its 'error' event.
export const audit = new EventEmitter({ captureRejections: true });
audit.on('sent', async (mail: Mail) => {
  await deliver({ ...mail, to: 'audit@example.com' });
});
