// `npm run precision`: lint pinned real repositories with the plugin's rules, plain and typed, and compare
// what is reported with the hand labels in bench/precision/labels/<rule-id>.txt.
//
//   node bench/precision/run.mjs [--rule ID]… [--repo NAME]… [--mode plain|typed|both]
//                                [--options ID=JSON]… [--unlabelled] [--write FILE]
//
// Repositories are listed in repos.txt and looked for in $PRECISION_REPOS (default ../precision-repos
// beside the project root); missing ones are named with how to get them, and skipped. A label line is
//   <repo>@<commit7> <path>:<line> <real|deliberate|misread> <reason>
// and speaks for every report of its rule on that line, in both modes. Prints, per rule and mode:
// reports, how many carry each label, precision (real / labelled reports), labelled real reports no longer
// found, labelled noise still reported, and unlabelled reports (each one with --unlabelled). --write FILE
// saves every report as an unlabelled label line (`<rule> <repo>@<commit7> <path>:<line> <message>`).
// --options ID=JSON runs rule ID with that options object instead of its defaults, to measure what a
// documented setting does (`--options 'no-blocking-in-async={"checkFileReadsAndWrites":false}'`); the
// issue's figures are the defaults'.
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.join(root, 'bench/precision');
const reposDir = path.resolve(process.env.PRECISION_REPOS ?? path.join(root, '..', 'precision-repos'));
const LABELS = ['real', 'deliberate', 'misread'];

const { values } = parseArgs({
  options: {
    rule: { type: 'string', multiple: true },
    repo: { type: 'string', multiple: true },
    mode: { type: 'string', default: 'both' },
    unlabelled: { type: 'boolean', default: false },
    write: { type: 'string' },
    options: { type: 'string', multiple: true },
  },
});

const { default: plugin } = await import(path.join(root, 'dist/src/index.js'));
const { createESLint } = await import(path.join(root, 'dist/src/cli/create-eslint.js'));
const tsParser = await import('@typescript-eslint/parser');
const { createProgramFileMatcher, findTypedRoots } = await import(path.join(root, 'dist/src/cli/find-tsconfig.js'));

const NS = plugin.meta.namespace;
const ruleIds = values.rule ?? Object.keys(plugin.rules);
for (const id of ruleIds) if (!plugin.rules[id]) fail(`unknown rule '${id}' (rules: ${Object.keys(plugin.rules).join(', ')})`);
const modes = values.mode === 'both' ? ['plain', 'typed'] : [values.mode];
for (const mode of modes) if (mode !== 'plain' && mode !== 'typed') fail(`--mode takes plain, typed or both`);

const repos = readRepos().filter((repo) => !values.repo || values.repo.includes(repo.name));
const labels = readLabels();
const ruleOptions = new Map((values.options ?? []).map(parseRuleOptions));
const onlyRules = {
  ...plugin.configs.all,
  rules: Object.fromEntries(ruleIds.map((id) => [`${NS}/${id}`, ruleOptions.has(id) ? ['error', ruleOptions.get(id)] : 'error'])),
};
const lintPlugin = { configs: { all: onlyRules } };

/** @type {Map<string, Map<string, {key: string, rule: string, repo: string, message: string, source: string}>>} mode -> key -> report */
const found = new Map(modes.map((mode) => [mode, new Map()]));
const crashes = [];
const present = [];
for (const repo of repos) {
  const dir = path.join(reposDir, repo.name);
  if (!existsSync(dir)) {
    console.log(`missing ${repo.name}: clone https://github.com/${repo.slug} into ${dir} and check out ${repo.commit}`);
    continue;
  }
  present.push(repo);
  for (const mode of modes) {
    const started = Date.now();
    const results = await lintRepo(dir, repo, mode);
    let count = 0;
    for (const result of results) {
      const relative = path.relative(dir, result.filePath).split(path.sep).join('/');
      const lines = result.source?.split('\n') ?? readFileSync(result.filePath, 'utf8').split('\n');
      for (const message of result.messages) {
        if (message.fatal) continue; // a file this parser cannot read: not ours to judge
        if (!message.ruleId?.startsWith(`${NS}/`)) continue;
        const rule = message.ruleId.slice(NS.length + 1);
        const key = `${rule} ${repo.name}@${repo.commit.slice(0, 7)} ${relative}:${message.line}`;
        count++;
        found.get(mode).set(key, { key, rule, repo: repo.name, message: message.message, source: (lines[message.line - 1] ?? '').trim().slice(0, 160) });
      }
    }
    console.log(`${repo.name} ${mode}: ${results.length} files, ${count} reports, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (values.write) {
  const lines = [...found.values()].flatMap((map) => [...map.values()]).map((report) => `${report.key} ${report.message}`);
  writeFileSync(values.write, `${[...new Set(lines)].sort().join('\n')}\n`);
  console.log(`wrote ${values.write}`);
}

printSummary();

/** Lints a repository's folders; a file that fails typed is linted again untyped, as the CLI does. */
async function lintRepo(dir, repo, mode) {
  const targets = [];
  for (const folder of repo.folders) if (await exists(path.join(dir, folder))) targets.push(path.join(dir, folder));
  const typedRoots = mode === 'typed' ? findTypedRoots(targets) : [];
  const setup = { plugin: lintPlugin, config: 'all', cwd: dir, parser: tsParser, fix: false };
  const lint = async (eslint, files) => {
    try {
      return await eslint.lintFiles(files);
    } catch (error) {
      if (files.length === 1 || files === targets) {
        crashes.push(`${repo.name} ${mode} ${files.length === 1 ? path.relative(dir, files[0]) : '(run)'}: ${String(error?.message ?? error).split('\n')[0]}`);
        return [];
      }
      // One file at a time: the point is to find which one crashed.
      const results = [];
      for (const file of files) results.push(...(await lint(eslint, [file])));
      return results;
    }
  };
  let results = await lint(createESLint({ ...setup, typedRoots, isProgramFile: createProgramFileMatcher() }), targets);
  if (results.length === 0 && crashes.some((crash) => crash.startsWith(`${repo.name} ${mode} (run)`))) {
    // Find the file that crashed: lint them one by one.
    const files = listFiles(targets);
    const eslint = createESLint({ ...setup, typedRoots, isProgramFile: createProgramFileMatcher() });
    results = [];
    for (const file of files) results.push(...(await lint(eslint, [file])));
  }
  const failed = results.filter((result) => result.messages.some((message) => message.fatal));
  if (mode === 'typed' && failed.length > 0) {
    const again = await lint(createESLint({ ...setup, typedRoots: [] }), failed.map((result) => result.filePath));
    const byPath = new Map(again.map((result) => [result.filePath, result]));
    results = results.map((result) => byPath.get(result.filePath) ?? result);
  }
  return results;
}

function printSummary() {
  console.log(`\n${present.length} of ${repos.length} repositories present in ${reposDir}`);
  if (crashes.length > 0) console.log(`CRASHES (${crashes.length}):\n  ${crashes.join('\n  ')}`);
  const rows = [];
  const details = [];
  for (const rule of ruleIds) {
    const ruleLabels = [...labels.values()].filter((label) => label.rule === rule && present.some((repo) => label.key.includes(` ${repo.name}@`)));
    for (const mode of modes) {
      const reports = [...found.get(mode).values()].filter((report) => report.rule === rule);
      const counts = { real: 0, deliberate: 0, misread: 0 };
      const unlabelled = [];
      for (const report of reports) {
        const label = labels.get(report.key);
        if (label) counts[label.label]++;
        else unlabelled.push(report);
      }
      const labelled = counts.real + counts.deliberate + counts.misread;
      const reportedKeys = new Set(reports.map((report) => report.key));
      const lost = ruleLabels.filter((label) => label.label === 'real' && !reportedKeys.has(label.key) && label.modes.has(mode));
      const noise = reports.filter((report) => ['deliberate', 'misread'].includes(labels.get(report.key)?.label));
      const quieted = ruleLabels.filter((label) => label.label !== 'real' && !reportedKeys.has(label.key) && label.modes.has(mode));
      rows.push([
        rule,
        mode,
        reports.length,
        counts.real,
        counts.deliberate,
        counts.misread,
        unlabelled.length,
        formatPrecision(counts.real, labelled),
        precisionOfKind(reports, 'app'),
        precisionOfKind(reports, 'lib'),
        lost.length,
        quieted.length,
      ]);
      for (const label of lost) details.push(`LOST real   [${mode}] ${label.key}  (${label.reason})`);
      for (const report of noise) details.push(`STILL noise [${mode}] ${report.key}  (${labels.get(report.key).label}: ${labels.get(report.key).reason})`);
      if (values.unlabelled) {
        for (const report of unlabelled) details.push(`UNLABELLED  [${mode}] ${report.key}\n      ${report.source}\n      ${report.message}`);
      }
    }
  }
  const header = ['rule', 'mode', 'reports', 'real', 'delib.', 'misread', 'unlab.', 'precision', 'apps', 'libraries', 'real lost', 'noise quiet'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const format = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  console.log(`\n${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(format).join('\n')}`);
  console.log('precision = real / labelled reports of this run, over all repositories, then over applications and libraries apart (real/labelled);');
  console.log('"noise quiet" = labelled deliberate/misread no longer reported');
  if (details.length > 0) console.log(`\n${details.join('\n')}`);
}

function formatPrecision(real, labelled) {
  return labelled === 0 ? '–' : `${((100 * real) / labelled).toFixed(0)} %`;
}

/** Precision over the reports in repositories of one kind (app or lib), with its counts. */
function precisionOfKind(reports, kind) {
  const names = new Set(repos.filter((repo) => repo.kind === kind).map((repo) => repo.name));
  let real = 0;
  let labelled = 0;
  for (const report of reports) {
    const label = labels.get(report.key);
    if (!label || !names.has(report.repo)) continue;
    labelled += 1;
    if (label.label === 'real') real += 1;
  }
  return labelled === 0 ? '–' : `${formatPrecision(real, labelled)} (${real}/${labelled})`;
}

function readRepos() {
  return readFileSync(path.join(here, 'repos.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, kind, slug, commit, ...folders] = line.split(/\s+/);
      if (kind !== 'app' && kind !== 'lib') fail(`repos.txt: '${name}' needs its kind (app or lib) after the name`);
      return { name, kind, slug, commit, folders: folders.length > 0 ? folders : ['.'] };
    });
}

/**
 * Labels by key `<rule> <repo>@<commit7> <path>:<line>`. A label may be limited to one mode by writing
 * `[plain]` or `[typed]` right after the label word; by default it speaks for both.
 */
function readLabels() {
  const map = new Map();
  const dir = path.join(here, 'labels');
  for (const file of existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.txt')) : []) {
    const rule = file.slice(0, -'.txt'.length);
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, index) => {
        const line = raw.trim();
        if (!line || line.startsWith('#')) return;
        const match = /^(\S+@\w+) (\S+:\d+) (\w+)(?: \[(plain|typed)\])?\s*(.*)$/.exec(line);
        if (!match || !LABELS.includes(match[3])) fail(`${file}:${index + 1}: expected '<repo>@<commit7> <path>:<line> <${LABELS.join('|')}> <reason>'`);
        const key = `${rule} ${match[1]} ${match[2]}`;
        map.set(key, { key, rule, label: match[3], reason: match[5], modes: new Set(match[4] ? [match[4]] : ['plain', 'typed']) });
      });
  }
  return map;
}

function listFiles(targets) {
  const out = [];
  const walk = (target) => {
    const name = path.basename(target);
    if (['node_modules', 'dist', 'build', 'coverage', '.git'].includes(name)) return;
    let entries;
    try {
      entries = readdirSync(target, { withFileTypes: true });
    } catch {
      if (/\.(c|m)?(j|t)sx?$/.test(target)) out.push(target);
      return;
    }
    for (const entry of entries) walk(path.join(target, entry.name));
  };
  targets.forEach(walk);
  return out;
}

function exists(file) {
  return access(file).then(
    () => true,
    () => false,
  );
}

function fail(message) {
  console.error(`precision: ${message}`);
  process.exit(2);
}

/** `ID=JSON` → [ID, options object]. */
function parseRuleOptions(text) {
  const at = text.indexOf('=');
  const id = text.slice(0, at);
  if (at < 0 || !plugin.rules[id]) fail(`--options takes <rule-id>=<JSON object>, got '${text}'`);
  try {
    return [id, JSON.parse(text.slice(at + 1))];
  } catch {
    fail(`--options: the options of '${id}' are not JSON`);
  }
}
