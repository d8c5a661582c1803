// Where each rule's untyped time goes on the real TypeScript of bench/real-ts.mjs (issue 12 §4): one cold
// ESLint run with `stats: true`, as in `npm run bench`, with every rule's `create` and each of its listeners
// timed apart. Run it under the bench lock after `npm run build`:
//
//   flock /work/bench.lock node bench/phases.mjs
//
// Prints, per rule (costliest first by ESLint's own stats): `phase:ms/calls`. `create` is the file-level
// set-up and bail-outs (once per file); a listener with few calls and many ms does costly work per node.
// The wrappers add a little time of their own; compare phases within a run, and runs back to back.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';

import { ensureRealTs } from './real-ts.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NS = 'async-pitfalls';
const { default: plugin } = await import('../dist/src/index.js');
const realTs = ensureRealTs(repoRoot);
if (realTs.missing.length > 0) throw new Error(`Real TS missing: ${realTs.missing.join(', ')}`);

/** `${ruleId} ${phase}` → [ms, calls] */
const phases = new Map();
const add = (key, ms) => {
  const entry = phases.get(key) ?? [0, 0];
  entry[0] += ms;
  entry[1] += 1;
  phases.set(key, entry);
};
const timedRules = {};
for (const [id, rule] of Object.entries(plugin.rules)) {
  timedRules[id] = {
    ...rule,
    create(context) {
      const start = performance.now();
      const listeners = rule.create(context);
      add(`${id} create`, performance.now() - start);
      const timed = {};
      for (const [selector, listener] of Object.entries(listeners)) {
        timed[selector] = (...args) => {
          const begin = performance.now();
          const result = listener(...args);
          add(`${id} ${selector}`, performance.now() - begin);
          return result;
        };
      }
      return timed;
    },
  };
}

const eslint = new ESLint({
  cwd: realTs.dir,
  overrideConfigFile: true,
  stats: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      plugins: { [NS]: { ...plugin, rules: timedRules } },
      languageOptions: { parser: tsParser },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`${NS}/${id}`, 'error'])),
    },
  ],
});
const results = await eslint.lintFiles(['.']);
let parseMs = 0;
const statsMs = {};
const reports = {};
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [id, time] of Object.entries(pass.rules ?? {})) statsMs[id] = (statsMs[id] ?? 0) + time.total;
  }
  for (const message of result.messages) reports[message.ruleId] = (reports[message.ruleId] ?? 0) + 1;
}
console.log(`${results.length} files, parse ${parseMs.toFixed(0)} ms`);
for (const id of Object.keys(plugin.rules).sort((a, b) => (statsMs[`${NS}/${b}`] ?? 0) - (statsMs[`${NS}/${a}`] ?? 0))) {
  const rows = [...phases].filter(([key]) => key.startsWith(`${id} `)).sort((a, b) => b[1][0] - a[1][0]);
  const cells = rows.map(([key, [ms, calls]]) => `${key.slice(id.length + 1)}:${ms.toFixed(1)}/${calls}`);
  console.log(`${id} stats=${(statsMs[`${NS}/${id}`] ?? 0).toFixed(1)} ms, ${reports[`${NS}/${id}`] ?? 0} reports  ${cells.join('  ')}`);
}
