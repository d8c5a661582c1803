// `npm run bench`: how fast are our rules, alone and together, plain and typed, next to the peers that
// catch the same bugs? Each case runs in its own Node process (cold start, its own memory peak, no
// TypeScript program shared between cases), on a deterministic corpus in .bench-cache/.
//
//   node bench/run.mjs [--runs N] [--only SUBSTRING] [--example-copies N] [--synthetic N] [--scale SIZES]
//                      [--warm-passes N] [--plugin PATH]
//
// --plugin PATH measures another build of the plugin (its dist/src/index.js) with this script, for A/B
// comparisons of two builds back to back.
//
// Prints one table. "lint ms" is the wall time of eslint.lintFiles() and "lint CPU ms" the CPU time the
// process spent in it (steadier when the machine is shared); "rule ms" is the time ESLint's `stats: true`
// attributes to the case's rules (summed over files), "parse ms" likewise for parsing (with types, that
// includes building the TypeScript program); "files/s" is files per lint wall second; "process ms" the
// child's whole life including imports; "peak RSS" its maxRSS. Runs > 1: the median by lint wall time.
//
// Three summaries follow the table (issue 12 §3, §4), all from ESLint's own `stats: true` timings:
//   1. typed, on real TypeScript packages that ship their sources (bench/real-ts.mjs, fetched with
//      `npm pack`): the rule time of no-missing-await alone over that of @typescript-eslint/no-floating-promises
//      alone (goal ≤ 0.5), and the checker's work counters (types created, instantiations) of each, which
//      unlike times do not move between runs;
//   2. untyped, the same real code with all our rules in one run: each rule's time as % of parse time
//      (goal ≤ 5 % for all together), on two bases, both from the same lint passes for parse and rules:
//      "cold", the first lint of every file in a fresh process (what one CLI run pays: JIT warm-up and
//      garbage-collector pauses land wherever they fall), and "warm", after that first pass discarded, the
//      same files linted --warm-passes more times in the same process, each file's parse time and each
//      rule's time on it taken as the median over those passes (a collector pause or a neighbour's burst
//      that hits one pass of a file is not counted; per-file work is all still there). Warm passes also find
//      the plugin's caches across files filled (sibling modules read on demand), which a first pass fills.
//      With --runs N, the cold figures are each file's times, the median over the N processes, and each basis
//      prints the range of the runs' own shares (the plain sums of one run, as before). Mind what a per-file
//      median leaves out: a young-generation collection is paid by whatever code allocates when the space
//      is full, nearly always the parser (it allocates ~98 % of the bytes), so parse keeps its pauses in
//      almost every file while the rare pause that lands in a rule (20-40 ms) is dropped as an outlier. The
//      median bases therefore understate the rules' share by their part of collection; the runs' range
//      keeps it;
//   3. untyped, one generated file of 1k, 10k and 100k lines (--scale): each rule's time and the growth
//      per 10× more lines (linear ≈ 10×; quadratic ≈ 100×).
import { execFile } from 'node:child_process';
import * as osModule from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';

import { CORPUS_PARTS, ensureCorpus, ensureScaleFile } from './corpus.mjs';
import { REAL_TS_PACKAGES, ensureRealTs } from './real-ts.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NS = 'async-pitfalls';
/** The rules issue 12 §4 measured (7.0 % of parse then); later rules are added to "all together". */
const ORIGINAL_SIX = ['no-blocking-in-async', 'no-leaked-timers', 'no-missing-await', 'no-swallowed-abort', 'no-unbounded-concurrency', 'require-signal-propagation'];

const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
    'example-copies': { type: 'string', default: '24' },
    synthetic: { type: 'string', default: '160' },
    scale: { type: 'string', default: '1000,10000,100000' },
    'warm-passes': { type: 'string', default: '3' },
    plugin: { type: 'string' },
  },
});

const pluginUrl = values.plugin ? pathToFileURL(path.resolve(values.plugin)).href : new URL('../dist/src/index.js', import.meta.url).href;

if (values.case) {
  process.stdout.write(JSON.stringify(await runCase(JSON.parse(values.case))));
} else {
  await main();
}

async function main() {
  const { default: plugin } = await import(pluginUrl);
  const ids = Object.keys(plugin.rules);
  const corpus = ensureCorpus(repoRoot, { exampleCopies: Number(values['example-copies']), syntheticModules: Number(values.synthetic) });

  /** @type {{ name: string, group: string, typed: boolean, rules: Record<string, unknown>, cli?: boolean }[]} */
  const cases = [
    { group: 'baseline', name: 'parse only (no rules)', typed: false, rules: {} },
    { group: 'baseline', name: 'parse only (no rules)', typed: true, rules: {} },
  ];
  for (const id of ids) {
    for (const typed of [false, true]) cases.push({ group: 'ours, alone', name: `${NS}/${id}`, typed, rules: { [`${NS}/${id}`]: 'error' } });
  }
  for (const config of ['recommended', 'all']) {
    // With an empty registry a config is the parse-only baseline again; skip it.
    if (Object.keys(plugin.configs[config].rules ?? {}).length === 0) continue;
    for (const typed of [false, true]) cases.push({ group: 'ours, config', name: `configs.${config}`, typed, rules: plugin.configs[config].rules });
  }
  cases.push(
    { group: 'peer vs no-missing-await', name: '@typescript-eslint/no-floating-promises', typed: true, rules: { '@typescript-eslint/no-floating-promises': 'error' } },
    // eslint-plugin-n 18's no-sync throws under @typescript-eslint/parser without a program (its
    // getParserServices insists on one), so it can only be measured typed here.
    { group: 'peer vs no-blocking-in-async', name: 'n/no-sync', typed: true, rules: { 'n/no-sync': 'error' } },
    { group: 'peer vs no-blocking-in-async', name: 'n/no-sync {allowAtRootLevel}', typed: true, rules: { 'n/no-sync': ['error', { allowAtRootLevel: true }] } },
    { group: 'cli', name: 'async-pitfalls --config all (auto-typed)', typed: true, rules: {}, cli: true },
  );
  const realTs = ensureRealTs(repoRoot);
  const ours = Object.fromEntries(ids.map((id) => [`${NS}/${id}`, 'error']));
  if (realTs.missing.length === 0) {
    cases.push(
      { group: 'real TS, typed', name: `${NS}/no-missing-await`, typed: true, dir: realTs.dir, rules: { [`${NS}/no-missing-await`]: 'error' }, summary: 'ratio-ours', countChecker: true },
      { group: 'real TS, typed', name: '@typescript-eslint/no-floating-promises', typed: true, dir: realTs.dir, rules: { '@typescript-eslint/no-floating-promises': 'error' }, summary: 'ratio-peer', countChecker: true },
      // The peer's rules for the same three checks no-missing-await makes: floating statements, awaited
      // values that are no thenable (an array of promises), and promises in conditions. One run, so they
      // share the checker's caches as they do in a user's config.
      {
        group: 'real TS, typed',
        name: 'no-floating-promises + await-thenable + no-misused-promises {checksConditionals}',
        typed: true,
        dir: realTs.dir,
        rules: {
          '@typescript-eslint/no-floating-promises': 'error',
          '@typescript-eslint/await-thenable': 'error',
          '@typescript-eslint/no-misused-promises': ['error', { checksConditionals: true, checksSpreads: false, checksVoidReturn: false }],
        },
        summary: 'ratio-scope',
        countChecker: true,
      },
      { group: 'real TS, plain', name: 'all our rules', typed: false, dir: realTs.dir, rules: ours, summary: 'parse-share', warmPasses: Number(values['warm-passes']) },
    );
  }
  const scaleSizes = values.scale ? values.scale.split(',').map(Number) : [];
  for (const lines of scaleSizes) {
    cases.push({ group: 'scale, plain', name: `one file of ${lines} lines`, typed: false, dir: ensureScaleFile(repoRoot, lines), rules: ours, summary: 'scale', lines });
  }
  const selected = cases.filter((c) => !values.only || `${c.group} ${c.name}`.includes(values.only));

  console.log(`eslint-plugin-async-pitfalls benchmark — ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, ESLint ${(await import('eslint')).ESLint.version}, ${cpuSummary()}, load average ${loadAverage()}`);
  console.log(`Corpus: ${corpus.files} files in ${path.relative(repoRoot, corpus.dir)}/ (${Object.values(CORPUS_PARTS).join('; ')})`);
  console.log(
    realTs.missing.length === 0
      ? `Real TS: ${realTs.files} files in ${path.relative(repoRoot, realTs.dir)}/ (src/ of ${REAL_TS_PACKAGES.map((p) => `${p.name}@${p.version}`).join(', ')})`
      : `Real TS: MISSING ${realTs.missing.join(', ')}; its cases are skipped`,
  );
  console.log(`Plugin: ${fileURLToPath(pluginUrl)}`);
  console.log(`Rules in the registry: ${ids.length === 0 ? 'none yet (only baselines and peers run)' : ids.join(', ')}`);
  console.log(`Runs per case: ${values.runs} (median shown)\n`);

  const rows = [];
  for (const c of selected) {
    const runs = [];
    try {
      for (let run = 0; run < Number(values.runs); run++) runs.push(await spawnCase({ ...c, dir: c.dir ?? corpus.dir }));
    } catch (error) {
      const reason = String(error.stderr ?? error.message).split('\n').find((text) => /Error/.test(text)) ?? 'failed';
      rows.push({ ...c, failed: reason.trim() });
      process.stderr.write(`  ${c.typed ? 'typed' : 'plain'}  ${c.name}: FAILED ${reason.trim()}\n`);
      continue;
    }
    const median = [...runs].sort((a, b) => a.lintMs - b.lintMs)[Math.floor(runs.length / 2)];
    rows.push({ ...c, ...median, runs });
    process.stderr.write(`  ${c.typed ? 'typed' : 'plain'}  ${c.name}: ${fmt(median.lintMs)} ms\n`);
  }
  printTable(rows);
  printSummaries(rows);
  const failed = rows.filter((row) => row.failed);
  for (const row of failed) console.log(`\nFAILED ${row.name} (${row.typed ? 'typed' : 'plain'}): ${row.failed}`);
  if (failed.length > 0) process.exitCode = 1;
}

async function spawnCase(c) {
  const { dir, typed, rules, cli, warmPasses = 0, countChecker = false } = c;
  const args = [fileURLToPath(import.meta.url), '--case', JSON.stringify({ dir, typed, rules, cli, warmPasses, countChecker })];
  if (values.plugin) args.push('--plugin', values.plugin);
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

/** Runs in the child process. */
async function runCase({ dir, typed, rules, cli, warmPasses = 0, countChecker = false }) {
  const started = performance.now();
  if (cli) {
    const { runCli } = await import('../dist/src/cli/run-cli.js');
    let output = '';
    const lintStart = performance.now();
    const cpuStart = process.cpuUsage();
    await runCli({ argv: ['--config', 'all', '--format', 'json', '.'], cwd: dir, stdout: { write: (text) => (output += text) }, stderr: { write: () => true } });
    const lintMs = performance.now() - lintStart;
    const cpuMs = cpuMsSince(cpuStart);
    const results = JSON.parse(output);
    return summarise(results, { lintMs, cpuMs, processMs: performance.now() - started, rules: {}, cli: true });
  }
  const checkerSpy = countChecker ? createCheckerSpy() : null;
  const [{ ESLint }, tsParser, { default: plugin }, { default: tsPlugin }, { default: nPlugin }] = await Promise.all([
    import('eslint'),
    import('@typescript-eslint/parser'),
    import(pluginUrl),
    import('@typescript-eslint/eslint-plugin'),
    import('eslint-plugin-n'),
  ]);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        plugins: { [NS]: plugin, '@typescript-eslint': tsPlugin, n: nPlugin, ...(checkerSpy ? { bench: checkerSpy.plugin } : {}) },
        languageOptions: {
          parser: tsParser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: dir } : {},
        },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: checkerSpy ? { ...rules, 'bench/checker-spy': 'error' } : rules,
      },
    ],
  });
  const lintStart = performance.now();
  const cpuStart = process.cpuUsage();
  const results = await eslint.lintFiles(['.']);
  const lintMs = performance.now() - lintStart;
  const cpuMs = cpuMsSince(cpuStart);
  const summary = summarise(results, { lintMs, cpuMs, processMs: performance.now() - started, rules });
  if (checkerSpy) summary.checker = checkerSpy.count();
  if (warmPasses > 0) {
    // The per-file times of this cold pass, for the median over runs (main process).
    summary.coldFiles = [...fileTimes(results, rules)];
    const passes = [];
    for (let pass = 0; pass < warmPasses; pass++) passes.push(fileTimes(await eslint.lintFiles(['.']), rules));
    summary.warm = medianOfPasses(passes);
  }
  return summary;
}

/**
 * The checker's own work counters (types created, instantiations), read from every program a lint used
 * through a rule that only looks at the program: unlike times, they are the same on every run whatever
 * else the machine does, so a change of a few percent in what a rule asks the checker shows in them.
 */
function createCheckerSpy() {
  const checkers = new Set();
  const rule = {
    meta: { schema: [] },
    create(context) {
      const program = context.sourceCode.parserServices?.program;
      if (program) checkers.add(program.getTypeChecker());
      return {};
    },
  };
  return {
    plugin: { rules: { 'checker-spy': rule } },
    count() {
      let types = 0;
      let instantiations = 0;
      for (const checker of checkers) {
        types += checker.getTypeCount();
        instantiations += checker.getInstantiationCount();
      }
      return { types, instantiations };
    },
  };
}

/** ESLint's stats of one lint pass, per file: its parse time and each of the case's rules' time. */
function fileTimes(results, rules) {
  const byFile = new Map();
  for (const result of results) {
    const times = { parse: 0, rules: {} };
    for (const pass of result.stats?.times.passes ?? []) {
      times.parse += pass.parse?.total ?? 0;
      for (const [id, time] of Object.entries(pass.rules ?? {})) {
        if (id in rules) times.rules[id] = (times.rules[id] ?? 0) + time.total;
      }
    }
    byFile.set(result.filePath, times);
  }
  return byFile;
}

/** Per file, the median over the passes of its parse time and of each rule's time; then summed over files. */
function medianOfPasses(passes) {
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  let parseMs = 0;
  const ruleTimes = {};
  for (const [file, first] of passes[0]) {
    const all = passes.map((pass) => pass.get(file) ?? { parse: 0, rules: {} });
    parseMs += median(all.map((times) => times.parse));
    for (const id of Object.keys(first.rules)) ruleTimes[id] = (ruleTimes[id] ?? 0) + median(all.map((times) => times.rules[id] ?? 0));
  }
  return { passes: passes.length, parseMs, ruleTimes, ruleMs: Object.values(ruleTimes).reduce((a, b) => a + b, 0) };
}

/** CPU time (user + system) since `start`: steadier than wall time on a machine shared with other work. */
function cpuMsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function summarise(results, { lintMs, cpuMs, processMs, rules, cli = false }) {
  let parseMs = 0;
  let ruleMs = 0;
  const ruleTimes = {};
  const reports = {};
  let fatal = 0;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [id, time] of Object.entries(pass.rules ?? {})) {
        if (!(id in rules)) continue;
        ruleMs += time.total;
        ruleTimes[id] = (ruleTimes[id] ?? 0) + time.total;
      }
    }
    for (const message of result.messages) {
      if (message.fatal) fatal += 1;
      // Only the case's own rules: ESLint also reports disable comments naming rules it does not know.
      else if (cli || message.ruleId in rules) reports[message.ruleId] = (reports[message.ruleId] ?? 0) + 1;
    }
  }
  return {
    files: results.length,
    lintMs,
    cpuMs,
    processMs,
    parseMs,
    ruleMs,
    ruleTimes,
    reports: Object.values(reports).reduce((a, b) => a + b, 0),
    fatal,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function printTable(rows) {
  const header = ['group', 'case', 'mode', 'files', 'reports', 'lint ms', 'lint CPU ms', 'rule ms', 'parse ms', 'files/s', 'process ms', 'peak RSS MB'];
  const body = rows.map((r) => r.failed ? [r.group, r.name, r.typed ? 'typed' : 'plain', 'FAILED', '', '', '', '', '', '', '', ''] : [
    r.group,
    r.name,
    r.typed ? 'typed' : 'plain',
    String(r.files) + (r.fatal ? ` (${r.fatal} parse errors)` : ''),
    String(r.reports),
    fmt(r.lintMs),
    fmt(r.cpuMs),
    r.cli ? '—' : fmt(r.ruleMs),
    r.cli ? '—' : fmt(r.parseMs),
    fmt((r.files / r.lintMs) * 1000),
    fmt(r.processMs),
    fmt(r.maxRssMb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < 3 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

function printSummaries(rows) {
  const ok = rows.filter((row) => !row.failed);
  const ours = ok.find((row) => row.summary === 'ratio-ours');
  const peer = ok.find((row) => row.summary === 'ratio-peer');
  if (ours && peer) {
    console.log(`\nTyped, real TypeScript (${ours.files} files): no-missing-await ${fmt(ours.ruleMs)} ms, no-floating-promises ${fmt(peer.ruleMs)} ms of rule time, each alone: ratio ours/peer ${(ours.ruleMs / peer.ruleMs).toFixed(2)} (goal ≤ 0.50)`);
    // ESLint's stats are wall time; on a shared machine each case's waits differ. Scaled by the case's own
    // CPU/wall share of the lint, the rule times estimate CPU time, which other work on the machine does not inflate.
    const cpuRule = (row) => row.ruleMs * (row.cpuMs / row.lintMs);
    console.log(`  the same in estimated CPU time (rule ms × lint CPU/wall): ${fmt(cpuRule(ours))} ms vs ${fmt(cpuRule(peer))} ms, ratio ${(cpuRule(ours) / cpuRule(peer)).toFixed(2)}`);
    if (ours.checker && peer.checker) {
      const { types: ot, instantiations: oi } = ours.checker;
      const { types: pt, instantiations: pi } = peer.checker;
      console.log(
        `  checker work (the same on every run): types created ${fmt(ot)} vs ${fmt(pt)}, ratio ${(ot / pt).toFixed(2)}; instantiations ${fmt(oi)} vs ${fmt(pi)}, ratio ${(oi / pi).toFixed(2)}`,
      );
    }
    // no-floating-promises checks statements only; no-missing-await also checks awaited arrays and
    // conditions (issue 12 §2). Next to the peer rules that make those checks, in one run:
    const scope = ok.find((row) => row.summary === 'ratio-scope');
    if (scope) {
      console.log(
        `  next to the peer's rules for the same checks in one run (no-floating-promises, await-thenable, no-misused-promises with only checksConditionals): ${fmt(scope.ruleMs)} ms, ratio ${(ours.ruleMs / scope.ruleMs).toFixed(2)}; CPU ${(cpuRule(ours) / cpuRule(scope)).toFixed(2)}`,
      );
      if (ours.checker && scope.checker) {
        console.log(
          `    checker work: types created ${fmt(ours.checker.types)} vs ${fmt(scope.checker.types)}, ratio ${(ours.checker.types / scope.checker.types).toFixed(2)}; instantiations ratio ${(ours.checker.instantiations / scope.checker.instantiations).toFixed(2)}`,
        );
      }
    }
  }
  const share = ok.find((row) => row.summary === 'parse-share');
  if (share) {
    // Cold, with --runs > 1: each file's parse time and each rule's time on it, the median over the runs (a
    // neighbour's burst that slows one process does not count; a collector pause that falls on the same file
    // in most runs still does).
    const coldRuns = share.runs.filter((run) => run.coldFiles);
    const cold = coldRuns.length > 1 ? medianOfPasses(coldRuns.map((run) => new Map(run.coldFiles))) : share;
    printParseShare(share, cold, share.runs, `cold: the first lint of each file in a fresh process${coldRuns.length > 1 ? `, each file's parse and rule times the median of ${coldRuns.length} runs` : ''}`);
    if (share.warm) {
      // The warm figures of the run with the median six-rule share, so that the lines below belong to one run.
      const warmRuns = share.runs.map((run) => run.warm);
      const byShare = [...warmRuns].sort((a, b) => sixShare(a) - sixShare(b));
      printParseShare(share, byShare[Math.floor(byShare.length / 2)], warmRuns, `warm: each file's parse and rule times the median of ${share.warm.passes} more passes in the same process after the cold one${warmRuns.length > 1 ? `; the run with the median six-rule share of ${warmRuns.length}` : ''}`);
    }
  }
  const scale = ok.filter((row) => row.summary === 'scale').sort((a, b) => a.lines - b.lines);
  if (scale.length > 0) {
    const ids = [...new Set(scale.flatMap((row) => Object.keys(row.ruleTimes)))].sort();
    console.log('\nUntyped, one generated file (rule ms by ESLint stats; ×N = growth over the previous size, linear ≈ size ratio)');
    const header = ['rule', ...scale.map((row) => `${row.lines} lines`)];
    const lines = [...ids.map((id) => [id, (row) => row.ruleTimes[id] ?? 0]), ['all our rules', (row) => row.ruleMs], ['parse', (row) => row.parseMs]].map(([name, get]) => [
      name,
      ...scale.map((row, i) => `${fmt(get(row))} ms${i === 0 ? '' : ` (×${(get(row) / Math.max(get(scale[i - 1]), 0.001)).toFixed(1)})`}`),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
    for (const line of [header, ...lines]) console.log(`  ${line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
  }
}

/** The share of parse time the issue 12 §4 rules take in one run (cold or warm figures). */
function sixShare(times) {
  return ORIGINAL_SIX.reduce((sum, id) => sum + (times.ruleTimes[`${NS}/${id}`] ?? 0), 0) / times.parseMs;
}

/** `times`: the figures to print (parse ms, rule ms by id); `runs`: the same figures of every run, for the range. */
function printParseShare(row, times, runs, basis) {
  console.log(`\nUntyped, real TypeScript (${row.files} files), all our rules in one run, ${basis}: parse ${fmt(times.parseMs)} ms`);
  for (const [id, ms] of Object.entries(times.ruleTimes).sort((a, b) => b[1] - a[1])) console.log(`  ${id.padEnd(44)} ${fmt(ms).padStart(7)} ms  ${percent(ms, times.parseMs)} of parse`);
  // Issue 12 §4 measured the six rules that existed then (7.0 %); the three of issue 11 came later.
  const six = ORIGINAL_SIX.map((id) => `${NS}/${id}`).filter((id) => id in times.ruleTimes);
  const sixMs = six.reduce((sum, id) => sum + times.ruleTimes[id], 0);
  const range = (share) => (runs.length > 1 ? `; runs ${Math.min(...runs.map(share)).toFixed(1)}–${Math.max(...runs.map(share)).toFixed(1)} %` : '');
  console.log(`  ${`the ${six.length} rules of issue 12 §4`.padEnd(44)} ${fmt(sixMs).padStart(7)} ms  ${percent(sixMs, times.parseMs)} of parse (goal ≤ 5 %${range((run) => sixShare(run) * 100)})`);
  console.log(
    `  ${`all ${Object.keys(times.ruleTimes).length} rules together`.padEnd(44)} ${fmt(times.ruleMs).padStart(7)} ms  ${percent(times.ruleMs, times.parseMs)} of parse (goal ≤ 5 %${range((run) => (run.ruleMs / run.parseMs) * 100)})`,
  );
}

function percent(part, whole) {
  return `${((part / whole) * 100).toFixed(1)} %`.padStart(7);
}

function fmt(n) {
  return n >= 100 ? Math.round(n).toString() : n.toFixed(1);
}

function cpuSummary() {
  return `${osModule.cpus().length} × ${osModule.cpus()[0]?.model.trim() ?? 'unknown CPU'}`;
}

function loadAverage() {
  return osModule
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}

