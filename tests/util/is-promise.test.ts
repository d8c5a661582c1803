import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { getPromiseDetector, type PromiseDetector } from '../../src/util/is-promise.js';
import { plainTester, typedTester } from '../rule-tester.js';

// Probe rules: each reports the expression statements one of the shared detector's questions answers
// yes to, so these tests pin down what every rule that asks the detector will see.
function createProbe(name: string, isHit: (detector: PromiseDetector, node: TSESTree.Expression) => boolean) {
  return createRule<[], 'promise'>({
    name,
    meta: {
      type: 'problem',
      docs: { description: 'Reports promise expression statements', requiresTypeChecking: false, usesTypeInformation: true },
      messages: { promise: 'promise' },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const detector = getPromiseDetector(context);
      return {
        ExpressionStatement(node: TSESTree.ExpressionStatement) {
          if (isHit(detector, node.expression)) context.report({ node, messageId: 'promise' });
        },
      };
    },
  });
}

const probe = createProbe('probe-is-promise', (detector, node) => detector.isPromise(node));

const promise = [{ messageId: 'promise' as const }];

const bothModes = {
  valid: [
    'function save() {} save();',
    'async function* gen() {} gen();',
    'const Promise = { all() {} }; Promise.all([]);',
    'z.string().catch("x");',
    'const fs = require("fs"); fs.readFileSync("a");',
    'import { readFileSync } from "node:fs"; readFileSync("a");',
  ],
  invalid: [
    { code: 'async function save() {} save();', errors: promise },
    { code: 'const save = async () => {}; save();', errors: promise },
    { code: 'function save(): Promise<void> { return x; } save();', errors: promise },
    { code: 'function run(job: () => Promise<void>) { job(); }', errors: promise },
    { code: 'class Repo { async save() {} other() { this.save(); } }', errors: promise },
    { code: 'class Repo { save = async () => {}; other() { const f = () => this.save(); this.save(); } }', errors: promise },
    { code: 'class Repo { async save() {} } const repo = new Repo(); repo.save();', errors: promise },
    { code: 'class Repo { async save() {} } function f(repo: Repo) { repo.save(); }', errors: promise },
    { code: 'const api = { async save() {} }; api.save();', errors: promise },
    { code: 'fetch("/x");', errors: promise },
    { code: 'globalThis.fetch("/x");', errors: promise },
    { code: 'import { readFile } from "node:fs/promises"; readFile("a");', errors: promise },
    { code: 'import fs from "fs"; fs.promises.readFile("a");', errors: promise },
    { code: 'const { promises: fsp } = require("fs"); fsp.writeFile("a", "b");', errors: promise },
    { code: 'import * as timers from "node:timers/promises"; timers.setTimeout(10);', errors: promise },
    { code: 'import { pipeline } from "stream/promises"; pipeline(a, b);', errors: promise },
    { code: 'import { promisify } from "util"; const run = promisify(exec); run("ls");', errors: promise },
    { code: 'Promise.all([]);', errors: promise },
    { code: 'new Promise((r) => r());', errors: promise },
    { code: 'x.then(() => 1);', errors: promise },
    { code: 'fetch("/x").catch(() => 1);', errors: promise },
    { code: '(async () => {})();', errors: promise },
    { code: 'async function f() { const res = await fetch("/x"); res.json(); }', errors: promise },
    { code: 'async function save() {} const p = save(); p;', errors: promise },
    { code: 'async function save() {} ok && save();', errors: promise },
    { code: 'async function save() {} (save() as Promise<void>);', errors: promise },
    { code: 'class Repo { async save() {} } declare const repo: Repo | undefined; function f(r: Repo) { r?.save(); }', errors: promise },
    { code: 'import("./x.js");', errors: promise },
  ],
};

plainTester.run('is-promise (plain)', probe, bothModes);
typedTester.run('is-promise (typed)', probe, bothModes);

plainTester.run('is-promise (plain only)', probe, {
  // A type error under the checker, but plain JS may reassign: the declaration no longer decides.
  valid: [
    'let f = async () => {}; f = () => 1; f();',
    // A same-file promise-returning function under another name says nothing about this one.
    'async function save() {} function load() {} load();',
    'class Repo { async save() {} load() {} other() { this.load(); } }',
  ],
  // Every place a same-file declaration gives a callee's name a promise (the per-file index of those
  // names must hold each of them, or the call is never resolved).
  invalid: [
    { code: 'declare function load(): Promise<string>; load();', errors: promise },
    { code: 'const save = (async () => {}) as () => Promise<void>; save();', errors: promise },
    { code: 'class Repo { save!: () => Promise<void>; other() { this.save(); } }', errors: promise },
    { code: 'class Repo { save = (async () => {})!; other() { this.save(); } }', errors: promise },
    { code: 'abstract class Base { abstract save(): Promise<void>; run() { this.save(); } }', errors: promise },
    { code: 'class Repo { save(): Promise<void>; save(x?: number): Promise<void> { return x as never; } other() { this.save(); } }', errors: promise },
    { code: 'class Repo { static async load() {} } Repo.load();', errors: promise },
    { code: 'const api = { save: async function () {} }; api.save();', errors: promise },
    { code: 'const api = { "save-all": async () => {} }; api["save-all"]();', errors: promise },
    { code: 'function run(job?: () => PromiseLike<void>) { job!(); }', errors: promise },
  ],
});

// The file-level question rules ask before skipping a file without types (issue 12 §4): every
// statement is reported when the text spells something a syntactic promise builds on.
const spellsProbe = createProbe('probe-spells-promise', (detector) => detector.spellsPromise());

plainTester.run('spells-promise', spellsProbe, {
  valid: [
    'const offset = compute(1); write(offset);',
    'import { thenable } from "./asyncish.js"; thenable();',
    'import.meta.url;',
  ],
  invalid: [
    { code: 'async function save() {} save();', errors: promise },
    { code: 'x.then(f);', errors: promise },
    { code: 'x["then"](f);', errors: promise },
    { code: 'new Promise(f);', errors: promise },
    { code: 'function f(): PromiseLike<void> { return x; } f();', errors: promise },
    { code: 'import /* lazy */ ("./a.js");', errors: promise },
    { code: 'import(\n  "./a.js");', errors: promise },
    { code: 'fetch(url);', errors: promise },
    { code: 'const { readFile } = require("node:fs/promises"); readFile(p);', errors: promise },
    { code: 'const { promisify } = require("util"); promisify(f)(x);', errors: promise },
  ],
});

// The facts-only answer: what stands when the checker says `any`.
const knownProbe = createProbe('probe-is-known-promise', (detector, node) => detector.isKnownPromise(node));

plainTester.run('is-known-promise', knownProbe, {
  valid: ['declare const x: any; x.then(() => 1);', 'x.then(() => 1).catch(() => 2);'],
  invalid: [
    { code: 'const fs = require("fs"); fs.promises.readFile("a").then(() => 1);', errors: promise },
    { code: 'async function save() {} save().then(() => 1).finally(() => 2);', errors: promise },
    { code: 'Promise.resolve(1).then(() => 1);', errors: promise },
  ],
});

typedTester.run('is-promise (typed only)', probe, {
  valid: [
    'import { loadConfig } from "./modules/api.js"; loadConfig();',
    'import { untyped } from "./modules/api.js"; untyped.save();',
    'declare const x: any; x.save();',
    'import { nothing } from "./modules/does-not-exist.js"; nothing();',
  ],
  invalid: [
    { code: 'import { saveUser } from "./modules/api.js"; saveUser({ id: "1" });', errors: promise },
    { code: 'import { Repository } from "./modules/api.js"; new Repository().save({});', errors: promise },
    { code: 'import { customThenable } from "./modules/api.js"; customThenable();', errors: promise },
    { code: 'import { maybeAsync } from "./modules/api.js"; maybeAsync(true);', errors: promise },
  ],
});
