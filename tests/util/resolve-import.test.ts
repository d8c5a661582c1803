import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { findApiReferences, type ApiTarget } from '../../src/util/resolve-import.js';
import { plainTester } from '../rule-tester.js';

// One constant target list shared by every file, as rules use it: the trace trees built from it are
// cached across files, so each case here also checks that nothing of one file leaks into the next.
const TARGETS: readonly ApiTarget<string>[] = [
  { module: 'fs', path: ['readFileSync'], info: 'fs.readFileSync' },
  { module: 'fs', path: ['promises', 'readFile'], info: 'fs.promises.readFile' },
  { global: 'Deno', path: ['readFileSync'], info: 'Deno.readFileSync' },
];

const probe = createRule<[], 'found'>({
  name: 'probe-resolve-import',
  meta: {
    type: 'problem',
    docs: { description: 'Reports calls of the probe targets', requiresTypeChecking: false, usesTypeInformation: false },
    messages: { found: '{{api}}' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const reference = findApiReferences(context.sourceCode, TARGETS).get(node);
        if (reference) context.report({ node, messageId: 'found', data: { api: reference.target.info } });
      },
    };
  },
});

const found = (api: string) => ({ messageId: 'found' as const, data: { api } });

plainTester.run('resolve-import (shared target list)', probe, {
  valid: [
    'function readFileSync() {} readFileSync("a");',
    'import { readFileSync } from "./fs.js"; readFileSync("a");',
    'const Deno = {}; Deno.readFileSync("a");',
    // `fs` inside a word is no mention of the module: the file is skipped without a scope walk.
    'const offsets = refs.readFileSync("a");',
  ],
  invalid: [
    // A module is found by its quoted name, whatever quotes come before it (issue 12 §4).
    { code: "/* it's here */ const fs = require('node:fs'); fs.readFileSync('a');", errors: [found('fs.readFileSync')] },
    { code: 'import fs from "node:fs"; fs.readFileSync("a");', errors: [found('fs.readFileSync')] },
    { code: 'import { readFileSync as r } from "fs"; r("a");', errors: [found('fs.readFileSync')] },
    { code: 'const { promises } = require("fs"); promises.readFile("a");', errors: [found('fs.promises.readFile')] },
    { code: 'import * as fs from "fs"; fs.promises.readFile("a"); fs.readFileSync("b");', errors: [found('fs.promises.readFile'), found('fs.readFileSync')] },
    { code: 'Deno.readFileSync("a"); globalThis.Deno.readFileSync("b");', errors: [found('Deno.readFileSync'), found('Deno.readFileSync')] },
  ],
});
