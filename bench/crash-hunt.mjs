// `npm run crash-hunt`: runs every rule of ours, typed, over a large body of unusual TypeScript, and
// counts crashes. Not part of `npm test` (it takes minutes). A crash is an exception escaping a rule:
// in a user's run it ends the whole lint, so the goal is 0.
//
//   node bench/crash-hunt.mjs [--only NAME] [--match PATH-SUBSTRING] [--limit N] [--plugin path/to/dist/src/index.js] [--mirror DIR]
//
// Each source runs in its own Node process with a 6 GB heap: the checker's memory for one large
// program of type-level code (type-fest's type tests) can outgrow the default heap, and a process that
// runs out of memory is reported as such for its source, apart from crashes of ours.
// The corpus (pinned commits below) goes into .bench-cache/crash-hunt/ (git-ignored), each source from,
// in order: what is already there; a bare git mirror `<DIR>/<owner>+<name>/repo` (--mirror, or the env
// CRASH_HUNT_MIRROR); a shallow `git clone` from GitHub. When none works it says what is missing.
// Sources: the type puzzles of type-challenges, the recursive type libraries ts-toolbelt and type-fest
// (with its type tests), typescript-eslint's parser and scope fixtures (odd syntax), and every code
// snippet of typescript-eslint's rule tests, each as its own module (their no-floating-promises suite
// holds the recursive-type case that once crashed us). TypeScript's own tests/cases would be the
// natural body, but that repository is too large to fetch here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(repoRoot, '.bench-cache', 'crash-hunt');
const CHUNK = 100;

const SOURCES = [
  { name: 'type-challenges', repo: 'type-challenges/type-challenges', commit: '0b0b0b18bcb7ac42dc22ce26ffb438231d4754b1', include: /^(questions|utils)\/.*\.ts$/ },
  { name: 'ts-toolbelt', repo: 'millsp/ts-toolbelt', commit: 'b8a49285e3ed3a7d8bb8e0b433389eac46a5f140', include: /^(sources|tests)\/.*\.ts$/ },
  { name: 'type-fest', repo: 'sindresorhus/type-fest', commit: '548e7dfdbc8a70767cd278c0ec8512aef6e16b56', include: /^(source|test-d)\/.*\.ts$|^index\.d\.ts$/ },
  {
    name: 'typescript-eslint-fixtures',
    repo: 'typescript-eslint/typescript-eslint',
    commit: '56c9ed90d0aee0b5a71cfc39fc76b715b82e3ea8',
    include: /^packages\/(ast-spec\/src\/.*\/fixture\.tsx?|scope-manager\/tests\/fixtures\/.*\.tsx?|parser\/tests\/fixtures\/.*\.tsx?|typescript-estree\/tests\/fixtures\/.*\.tsx?)$/,
  },
  {
    name: 'typescript-eslint-rule-snippets',
    repo: 'typescript-eslint/typescript-eslint',
    commit: '56c9ed90d0aee0b5a71cfc39fc76b715b82e3ea8',
    include: /^packages\/eslint-plugin\/tests\/rules\/.*\.test\.ts$/,
    snippets: true,
  },
];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    limit: { type: 'string' },
    plugin: { type: 'string', default: path.join(repoRoot, 'dist/src/index.js') },
    mirror: { type: 'string', default: process.env.CRASH_HUNT_MIRROR ?? '' },
    match: { type: 'string' },
    child: { type: 'string' },
  },
});

const ts = (await import('typescript')).default;
const [{ ESLint }, tsParser, { default: plugin }] = await Promise.all([
  import('eslint'),
  import('@typescript-eslint/parser'),
  import(pathToFileURL(path.resolve(values.plugin)).href),
]);
const safeChecker = await import(pathToFileURL(path.join(path.dirname(path.resolve(values.plugin)), 'util/safe-checker.js')).href).catch(() => null);
const ruleIds = Object.keys(plugin.rules);

const selected = SOURCES.filter((source) => !values.only || source.name.includes(values.only));
const missing = [];
const corpora = [];
for (const source of selected) {
  const dir = ensureSource(source);
  if (dir) corpora.push({ source, dir });
  else missing.push(source);
}
if (missing.length > 0 && !values.child) {
  console.log('Missing sources (the hunt runs without them):');
  for (const source of missing) console.log(`  ${source.name}: https://github.com/${source.repo} at ${source.commit} — put a checkout in ${path.relative(repoRoot, path.join(cacheDir, 'src', source.name))}/, or pass --mirror`);
  if (corpora.length === 0) process.exit(2);
}

if (!values.child) console.log(`crash hunt — ${new Date().toISOString()}, Node ${process.version}, ESLint ${ESLint.version}, TypeScript ${ts.version}`);
if (!values.child) console.log(`plugin: ${path.relative(repoRoot, path.resolve(values.plugin)) || values.plugin}; rules (all typed): ${ruleIds.join(', ')}\n`);

const totals = { files: 0, crashes: 0, parseErrors: 0, reports: 0, ms: 0, checkerFailures: 0 };
const crashes = [];
if (!values.child) {
  for (const { source } of corpora) {
    const args = [`--max-old-space-size=6144`, fileURLToPath(import.meta.url), '--child', source.name, '--plugin', values.plugin];
    if (values.match) args.push('--match', values.match);
    if (values.limit) args.push('--limit', values.limit);
    const started = performance.now();
    let result;
    try {
      result = JSON.parse(execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch (error) {
      const ms = performance.now() - started;
      console.log(`${source.name.padEnd(32)} did not finish (${error.signal ?? `exit ${error.status}`}: out of memory or killed) after ${(ms / 1000).toFixed(1)} s`);
      continue;
    }
    printCounts(source.name, result);
    for (const key of ['files', 'crashes', 'parseErrors', 'reports', 'ms', 'checkerFailures']) totals[key] += result[key];
    crashes.push(...result.crashList);
  }
  printCounts('total', totals);
  console.log(`TypeScript exceptions turned into "unknown" by the guarded checker: ${totals.checkerFailures}`);
  for (const crash of crashes) console.log(`CRASH ${crash.rule} ${crash.file}: ${crash.error}`);
  if (totals.crashes > 0) process.exitCode = 1;
  process.exit();
}

function printCounts(name, counts) {
  console.log(`${name.padEnd(32)} ${String(counts.files).padStart(5)} files  ${String(counts.crashes).padStart(3)} crashes  ${String(counts.parseErrors).padStart(4)} parse errors  ${String(counts.reports).padStart(5)} reports  ${(counts.ms / 1000).toFixed(1).padStart(6)} s`);
}

for (const { source, dir } of corpora.filter(({ source }) => source.name === values.child)) {
  let files = listFiles(dir).filter((file) => /\.(ts|tsx|mts|cts)$/.test(file) && !file.endsWith('.d.ts') || /index\.d\.ts$/.test(file));
  if (values.match) files = files.filter((file) => file.includes(values.match));
  if (values.limit) files = files.slice(0, Number(values.limit));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx,mts,cts}'],
        plugins: { 'async-pitfalls': plugin },
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: Object.fromEntries(ruleIds.map((id) => [`async-pitfalls/${id}`, 'error'])),
      },
    ],
  });
  const started = performance.now();
  const counts = { files: files.length, crashes: 0, parseErrors: 0, reports: 0 };
  const count = (results) => {
    for (const result of results) {
      for (const message of result.messages) {
        if (message.fatal) counts.parseErrors += 1;
        else if (message.ruleId?.startsWith('async-pitfalls/')) counts.reports += 1;
      }
    }
  };
  // Chunks of files in one call (fast); a chunk that crashes is linted again file by file, to name them.
  for (let start = 0; start < files.length; start += CHUNK) {
    const chunk = files.slice(start, start + CHUNK);
    try {
      count(await eslint.lintFiles(chunk));
      continue;
    } catch {
      // Found one; find them all below.
    }
    for (const file of chunk) {
      try {
        count(await eslint.lintFiles([file]));
      } catch (error) {
        counts.crashes += 1;
        const rule = /Rule: "([^"]+)"/.exec(String(error.message))?.[1] ?? error.ruleId ?? 'unknown rule';
        crashes.push({ file: path.relative(repoRoot, file), rule, error: String(error.message).split('\n')[0] });
      }
    }
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ...counts, ms, checkerFailures: safeChecker?.checkerFailures.count ?? 0, crashList: crashes }));
}

/** The checkout of one source under .bench-cache/crash-hunt/src/<name>, made on first use; null if it cannot be had. */
function ensureSource(source) {
  const dir = path.join(cacheDir, 'src', source.name);
  const stamp = path.join(dir, '.commit');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === source.commit) return dir;
  rmSync(dir, { recursive: true, force: true });
  const raw = path.join(cacheDir, 'raw', source.repo.replace('/', '+'));
  if (!getRaw(source, raw)) return null;
  mkdirSync(dir, { recursive: true });
  for (const file of listFiles(raw)) {
    const relative = path.relative(raw, file).split(path.sep).join('/');
    if (!source.include.test(relative)) continue;
    const text = readFileSync(file, 'utf8');
    if (source.snippets) {
      writeSnippets(dir, relative, text);
    } else {
      mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      writeFileSync(path.join(dir, relative), text);
    }
  }
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          jsx: 'preserve',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
        },
        include: ['**/*'],
      },
      null,
      2,
    ),
  );
  writeFileSync(stamp, source.commit);
  return dir;
}

/** The files of `source` at its commit in `raw`: from a local mirror, else a shallow clone. */
function getRaw(source, raw) {
  const stamp = path.join(raw, '.commit');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === source.commit) return true;
  rmSync(raw, { recursive: true, force: true });
  mkdirSync(raw, { recursive: true });
  const mirror = values.mirror && path.join(values.mirror, source.repo.replace('/', '+'), 'repo');
  try {
    if (mirror && existsSync(mirror)) {
      const tar = execFileSync('git', ['--git-dir', mirror, 'archive', source.commit], { maxBuffer: 1 << 30 });
      execFileSync('tar', ['-x', '-C', raw], { input: tar });
    } else {
      process.stderr.write(`cloning ${source.repo} …\n`);
      execFileSync('git', ['init', '-q', raw]);
      execFileSync('git', ['-C', raw, 'fetch', '-q', '--depth', '1', `https://github.com/${source.repo}.git`, source.commit], { stdio: 'ignore' });
      execFileSync('git', ['-C', raw, 'checkout', '-q', 'FETCH_HEAD'], { stdio: 'ignore' });
    }
  } catch {
    rmSync(raw, { recursive: true, force: true });
    return false;
  }
  writeFileSync(stamp, source.commit);
  return true;
}

/**
 * Each code string of a rule test file (an element of a `valid`/`invalid` list or a `code:` value,
 * without substitutions) as a module of its own, so that their declarations do not collide.
 */
function writeSnippets(dir, relative, text) {
  const file = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true);
  const base = path.join(dir, path.basename(relative, '.test.ts'));
  let count = 0;
  const visit = (node) => {
    if ((ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) && isTestCode(node) && node.text.trim().length > 0) {
      mkdirSync(base, { recursive: true });
      writeFileSync(path.join(base, `${String(++count).padStart(4, '0')}.ts`), `${node.text}\nexport {};\n`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

function isTestCode(node) {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === node && parent.name.getText() === 'code';
  if (!ts.isArrayLiteralExpression(parent) || !ts.isPropertyAssignment(parent.parent)) return false;
  return ['valid', 'invalid'].includes(parent.parent.name.getText());
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === '.git') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}
