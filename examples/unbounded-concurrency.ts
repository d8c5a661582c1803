// Pitfall: Promise.all over collections of any size (rule `no-unbounded-concurrency`).
//
// A crawler. Each `BUG` line starts one request per element at once: fine for 3 URLs, an incident for
// 30,000 (EMFILE once the 1024 file descriptors are gone, memory, rate limits, a banned crawler).
// The `OK` functions show the bounded idioms the rule recognises.
import { readFile } from 'node:fs/promises';

import pLimit from 'p-limit';
import pMap from 'p-map';

export interface Page {
  url: string;
  status: number;
  html: string;
}

async function fetchPage(url: string): Promise<Page> {
  const response = await fetch(url, { headers: { 'user-agent': 'example-crawler/1.0' }, signal: AbortSignal.timeout(10000) });
  return { url, status: response.status, html: await response.text() };
}

async function readSitemap(file: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
}

function extractLinks(page: Page): string[] {
  return [...page.html.matchAll(/href="(https?:[^"]+)"/g)].map((match) => match[1] ?? '');
}

export async function crawl(urls: string[]): Promise<Page[]> {
  return Promise.all(urls.map((url) => fetchPage(url))); // BUG: urls.length requests at once
}

export async function crawlSitemap(file: string): Promise<void> {
  const sitemap = await readSitemap(file);
  // BUG: one request per sitemap entry, all at once.
  const results = await Promise.allSettled(Object.values(sitemap).map((url) => fetchPage(url)));
  console.log(`${results.filter((result) => result.status === 'rejected').length} pages failed`);
}

export async function crawlLinks(start: Page): Promise<Page[]> {
  const pending: Promise<Page>[] = [];
  for (const link of extractLinks(start)) {
    pending.push(fetchPage(link)); // every link on the page starts now…
  }
  return Promise.all(pending); // BUG: …so the concurrency is the number of links
}

// OK: bounded collections.
const MIRRORS = ['https://eu.example.com', 'https://us.example.com', 'https://ap.example.com'] as const;

export async function checkMirrors(): Promise<Page[]> {
  return Promise.all(MIRRORS.map((mirror) => fetchPage(`${mirror}/health`)));
}

export async function fetchPair(a: string, b: string): Promise<[Page, Page]> {
  return Promise.all([fetchPage(a), fetchPage(b)]);
}

// OK: in chunks of 8.
export async function crawlInChunks(urls: string[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < urls.length; i += 8) {
    pages.push(...(await Promise.all(urls.slice(i, i + 8).map((url) => fetchPage(url)))));
  }
  return pages;
}

// OK: through a limiter.
export async function crawlLimited(urls: string[]): Promise<Page[]> {
  const limit = pLimit(8);
  return Promise.all(urls.map((url) => limit(() => fetchPage(url))));
}

export async function crawlWithPMap(urls: string[]): Promise<Page[]> {
  return pMap(urls, (url) => fetchPage(url), { concurrency: 8 });
}

// OK: a semaphore acquired in the callback.
class Semaphore {
  private waiting: (() => void)[] = [];

  constructor(private available: number) {}

  async acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.available += 1;
  }
}

export async function crawlWithSemaphore(urls: string[]): Promise<Page[]> {
  const semaphore = new Semaphore(8);
  return Promise.all(
    urls.map(async (url) => {
      await semaphore.acquire();
      try {
        return await fetchPage(url);
      } finally {
        semaphore.release();
      }
    }),
  );
}
