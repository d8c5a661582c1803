// Builds the benchmark corpus deterministically into .bench-cache/ (git-ignored): the same inputs always
// give the same files, and a stamp of those inputs lets later runs reuse it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GENERATOR_VERSION = 1;

/** What the corpus holds; see writeCorpus(). */
export const CORPUS_PARTS = {
  'eslint-lib': "ESLint's own lib/ without lib/rules (real CommonJS Node code, async and sync)",
  'repo-src': "this repository's src/ and rules/ (real TypeScript)",
  examples: 'examples/*.ts, copied with renamed declarations',
  synthetic: 'generated TypeScript services, workers and utilities that import each other',
};

/**
 * @param {string} repoRoot
 * @param {{ exampleCopies: number, syntheticModules: number }} sizes
 * @returns {{ dir: string, files: number }}
 */
export function ensureCorpus(repoRoot, sizes) {
  const eslintLib = path.join(repoRoot, 'node_modules/eslint/lib');
  const eslintVersion = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/eslint/package.json'), 'utf8')).version;
  const sources = [...listFiles(path.join(repoRoot, 'examples')), ...listFiles(path.join(repoRoot, 'src')), ...listFiles(path.join(repoRoot, 'rules'))];
  const stamp = createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, sizes, eslintVersion }))
    .update(sources.map((file) => `${path.relative(repoRoot, file)}\n${readFileSync(file, 'utf8')}`).join('\0'))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(repoRoot, '.bench-cache', 'corpus');
  const stampFile = path.join(dir, '.stamp');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    rmSync(dir, { recursive: true, force: true });
    writeCorpus(repoRoot, dir, eslintLib, sizes);
    writeFileSync(stampFile, stamp);
  }
  return { dir, files: listFiles(dir).filter((file) => /\.[cm]?[jt]sx?$/.test(file)).length };
}

function writeCorpus(repoRoot, dir, eslintLib, { exampleCopies, syntheticModules }) {
  mkdirSync(dir, { recursive: true });
  writeJson(path.join(dir, 'package.json'), { name: 'async-pitfalls-bench-corpus', private: true, type: 'module' });
  writeJson(path.join(dir, 'tsconfig.json'), {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      allowJs: true,
      checkJs: false,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['**/*'],
  });

  // Real JavaScript: ESLint's lib/ (minus the 300 rule files, which would dominate), as CommonJS.
  cpSync(eslintLib, path.join(dir, 'eslint-lib'), { recursive: true, filter: (source) => !source.includes(`${path.sep}rules`) });
  writeJson(path.join(dir, 'eslint-lib/package.json'), { type: 'commonjs' });

  // Real TypeScript: this repository's sources, at the same relative places so their imports resolve.
  for (const part of ['src', 'rules']) {
    if (existsSync(path.join(repoRoot, part))) cpSync(path.join(repoRoot, part), path.join(dir, 'repo-src', part), { recursive: true });
  }

  // The examples, each copy with its declarations renamed so that no two files are the same program text.
  const examples = readdirSync(path.join(repoRoot, 'examples')).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  cpSync(path.join(repoRoot, 'examples/ambient.d.ts'), path.join(dir, 'examples/ambient.d.ts'));
  for (let copy = 0; copy < exampleCopies; copy++) {
    for (const file of examples) {
      const text = readFileSync(path.join(repoRoot, 'examples', file), 'utf8');
      writeText(path.join(dir, 'examples', `copy-${pad(copy)}`, file), renameDeclarations(text, `_${copy}`));
    }
  }

  const random = mulberry32(0x5eed);
  for (let index = 0; index < syntheticModules; index++) {
    writeText(path.join(dir, 'synthetic', `module-${pad(index)}.ts`), syntheticModule(index, random));
  }
}

function renameDeclarations(text, suffix) {
  const names = new Set();
  for (const match of text.matchAll(/^(?:export\s+)?(?:async\s+)?(?:function|class|interface|const|type)\s+([A-Za-z_$][\w$]*)/gm)) {
    names.add(match[1]);
  }
  let renamed = text;
  for (const name of names) renamed = renamed.replace(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g'), `${name}${suffix}`);
  return renamed;
}

/**
 * One generated TypeScript file of about `lines` lines for the scale benchmark: generated modules one
 * after another (their imports of each other become same-file references), deterministic, written to
 * .bench-cache/scale/<lines>/file.ts with a tsconfig beside it. Returns its folder.
 */
export function ensureScaleFile(repoRoot, lines) {
  const dir = path.join(repoRoot, '.bench-cache', 'scale', String(lines));
  const file = path.join(dir, 'file.ts');
  const stamp = path.join(dir, '.stamp');
  const key = `${GENERATOR_VERSION}:${lines}:whole-modules`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = mulberry32(lines);
  const out = [
    `import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';`,
    `import { readFile, writeFile } from 'node:fs/promises';`,
    `import { setTimeout as sleep } from 'node:timers/promises';`,
    '',
  ];
  for (let index = 0; out.length < lines; index++) {
    for (const line of syntheticModule(index, random).split('\n')) if (!line.startsWith('import ')) out.push(line);
  }
  writeText(file, `${out.join('\n')}\n`);
  writeJson(path.join(dir, 'package.json'), { name: 'async-pitfalls-bench-scale', private: true, type: 'module' });
  writeJson(path.join(dir, 'tsconfig.json'), {
    compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], strict: true, skipLibCheck: true, noEmit: true },
    include: ['file.ts'],
  });
  writeFileSync(stamp, key);
  return dir;
}

/**
 * One generated module. Most of its code is ordinary (data shaping, classes, awaited calls); a seeded
 * share of its functions carries one of the pitfalls, so that every rule has work and findings.
 * Module k imports the async API of module k-1: a floating call of an imported function is found only
 * with type information.
 */
function syntheticModule(index, random) {
  const chance = (p) => random() < p;
  const pick = (items) => items[Math.floor(random() * items.length)];
  const entity = pick(['User', 'Invoice', 'Shipment', 'Ticket', 'Report', 'Device', 'Session', 'Payment']) + index;
  const lines = [
    `// Generated benchmark module ${index}: a service for ${entity}.`,
    `import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';`,
    `import { readFile, writeFile } from 'node:fs/promises';`,
    `import { setTimeout as sleep } from 'node:timers/promises';`,
  ];
  if (index > 0) lines.push(`import { load${index - 1}, save${index - 1}, type Record${index - 1} } from './module-${pad(index - 1)}.js';`);
  lines.push(
    '',
    `export interface Record${index} {`,
    '  id: string;',
    '  updatedAt: number;',
    '  tags: string[];',
    '  payload: Record<string, unknown>;',
    '}',
    '',
    `const DEFAULTS_${index} = JSON.parse(readFileSync(new URL('./defaults.json', import.meta.url), 'utf8')) as Partial<Record${index}>;`,
    `const REGIONS_${index} = ['eu', 'us', 'ap'] as const;`,
    '',
    `export async function load${index}(id: string): Promise<Record${index}> {`,
    `  const text = await readFile(\`data/${entity}/\${id}.json\`, 'utf8');`,
    `  return { ...DEFAULTS_${index}, ...(JSON.parse(text) as Record${index}) };`,
    '}',
    '',
    `export async function save${index}(record: Record${index}): Promise<void> {`,
    `  await writeFile(\`data/${entity}/\${record.id}.json\`, JSON.stringify(record));`,
    '}',
    '',
    `export function normalise${index}(record: Record${index}): Record${index} {`,
    '  const tags = [...new Set(record.tags.map((tag) => tag.trim().toLowerCase()))].sort();',
    '  return { ...record, tags, updatedAt: Math.max(record.updatedAt, 0) };',
    '}',
    '',
    `export function summarise${index}(records: readonly Record${index}[]): Map<string, number> {`,
    '  const counts = new Map<string, number>();',
    '  for (const record of records) {',
    '    for (const tag of record.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);',
    '  }',
    '  return counts;',
    '}',
    '',
  );
  const body = [];
  const methods = 4 + Math.floor(random() * 5);
  for (let m = 0; m < methods; m++) body.push(...syntheticMethod(index, m, entity, chance, pick));
  lines.push(
    `export class ${entity}Service {`,
    '  private readonly cache = new Map<string, Record' + index + '>();',
    '  private timer: NodeJS.Timeout | undefined;',
    '',
    ...body.map((line) => (line ? `  ${line}` : line)),
    '  stop(): void {',
    '    clearInterval(this.timer);',
    '  }',
    '}',
    '',
  );
  if (chance(0.5)) {
    lines.push(
      `// A build-time helper: sync on purpose, never called from async code.`,
      `export function writeIndex${index}(dir: string): void {`,
      `  if (!existsSync(dir)) return;`,
      `  const size = statSync(dir).size;`,
      `  writeFileSync(\`\${dir}/index.json\`, JSON.stringify({ size, regions: REGIONS_${index} }));`,
      '}',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function syntheticMethod(index, m, entity, chance, pick) {
  const name = `${pick(['sync', 'refresh', 'import', 'export', 'reconcile', 'audit', 'notify', 'archive'])}${m}`;
  const previous = index > 0 ? `await save${index - 1}(await load${index - 1}(id) as Record${index - 1});` : `await sleep(1);`;
  const kind = pick(['clean', 'clean', 'clean', 'floating', 'blocking', 'unbounded', 'abort', 'timer', 'chunked', 'limited']);
  switch (kind) {
    case 'floating':
      return [
        `async ${name}(id: string): Promise<void> {`,
        `  const record = await load${index}(id);`,
        chance(0.5) && index > 0 ? `  save${index - 1}(record as unknown as Record${index - 1});` : `  save${index}(normalise${index}(record));`,
        '  this.cache.set(id, record);',
        '}',
        '',
      ];
    case 'blocking':
      return [
        `async ${name}(id: string): Promise<number> {`,
        `  const raw = readFileSync(\`data/${entity}/\${id}.json\`, 'utf8');`,
        `  const record = JSON.parse(raw) as Record${index};`,
        `  await save${index}(normalise${index}(record));`,
        '  return raw.length;',
        '}',
        '',
      ];
    case 'unbounded':
      return [
        `async ${name}(ids: string[]): Promise<Record${index}[]> {`,
        `  const records = await Promise.all(ids.map((id) => load${index}(id)));`,
        `  return records.map((record) => normalise${index}(record));`,
        '}',
        '',
      ];
    case 'chunked':
      return [
        `async ${name}(ids: string[]): Promise<Record${index}[]> {`,
        `  const records: Record${index}[] = [];`,
        '  for (let i = 0; i < ids.length; i += 16) {',
        `    records.push(...(await Promise.all(ids.slice(i, i + 16).map((id) => load${index}(id)))));`,
        '  }',
        `  await Promise.all(REGIONS_${index}.map((region) => sleep(region.length)));`,
        '  return records;',
        '}',
        '',
      ];
    case 'abort':
      return [
        `async ${name}(url: string, signal: AbortSignal): Promise<string | undefined> {`,
        '  try {',
        chance(0.5) ? '    const response = await fetch(url, { signal });' : '    const response = await fetch(url);',
        '    return await response.text();',
        '  } catch (error) {',
        `    console.warn('${entity} fetch failed', error);`,
        '    return undefined;',
        '  }',
        '}',
        '',
      ];
    case 'timer':
      return chance(0.5)
        ? [`start${m}(): void {`, `  setInterval(() => this.cache.clear(), 60_000);`, '}', '']
        : [`start${m}(): void {`, `  this.timer = setInterval(() => this.cache.clear(), 60_000);`, '}', ''];
    case 'limited':
      return [
        `async ${name}(ids: string[]): Promise<void> {`,
        '  const queue = [...ids];',
        '  const workers = Array.from({ length: 4 }, async () => {',
        '    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {',
        `      ${previous}`,
        '    }',
        '  });',
        '  await Promise.all(workers);',
        '}',
        '',
      ];
    default:
      return [
        `async ${name}(id: string): Promise<Record${index}> {`,
        '  const cached = this.cache.get(id);',
        '  if (cached) return cached;',
        `  const record = normalise${index}(await load${index}(id));`,
        '  this.cache.set(id, record);',
        `  ${previous}`,
        '  return record;',
        '}',
        '',
      ];
  }
}

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const pad = (n) => String(n).padStart(3, '0');

function writeText(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function writeJson(file, value) {
  writeText(file, `${JSON.stringify(value, null, 2)}\n`);
}
