import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';
import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { resolveImportedFunction } from '../../src/util/read-sibling-module.js';
import { fixture, plainTester } from '../rule-tester.js';

// Reports what an imported callee resolves to in the module read from disk: its line there, and
// whether it is async. Files are linted as tests/fixtures/file.ts so that relative paths resolve.
const probe = createRule<[], 'found'>({
  name: 'probe-read-sibling-module',
  meta: {
    type: 'problem',
    docs: { description: 'Reports imported callees found in a sibling module', requiresTypeChecking: false, usesTypeInformation: false },
    messages: { found: 'line {{line}}, {{kind}}' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== AST_NODE_TYPES.Identifier) return;
        const imported = resolveImportedFunction(context, node.callee);
        if (!imported) return;
        const data = { line: String(imported.fn.loc.start.line), kind: imported.fn.async ? 'async' : 'sync' };
        context.report({ node, messageId: 'found', data });
      },
    };
  },
});

const at = (line: number, kind: 'async' | 'sync') => ({ messageId: 'found' as const, data: { line: String(line), kind } });
const file = fixture('file.ts');

plainTester.run('read-sibling-module', probe, {
  valid: [
    // A binding the module reassigns says nothing about what a caller gets.
    { code: 'import { replaced } from "./modules/sibling/index.js"; replaced();', filename: file },
    // Missing modules, packages and type-only imports are unknown.
    { code: 'import { gone } from "./modules/nowhere.js"; gone();', filename: file },
    { code: 'import { fromIndex } from "sibling-package"; fromIndex();', filename: file },
    { code: 'import type { Shape } from "./modules/sibling/index.js"; declare const make: () => Shape; make();', filename: file },
    // A name the module does not export as a function.
    { code: 'import { Shape } from "./modules/sibling/index.js"; Shape();', filename: file },
  ],
  invalid: [
    // `.js` in a TypeScript import names the `.ts` source.
    { code: 'import { fromIndex } from "./modules/sibling/index.js"; fromIndex();', filename: file, errors: [at(3, 'async')] },
    // A folder resolves to its index module.
    { code: 'import { fromIndex as start } from "./modules/sibling"; start();', filename: file, errors: [at(3, 'async')] },
    // `export { local as renamed }` and an anonymous default export.
    { code: 'import { renamed } from "./modules/sibling/index.js"; renamed();', filename: file, errors: [at(8, 'sync')] },
    { code: 'import run from "./modules/sibling/index.js"; run();', filename: file, errors: [at(11, 'async')] },
    // A `paths` alias of the nearest tsconfig.json (comments and trailing commas allowed there).
    { code: 'import getAnnouncement from "@/announcement";\ngetAnnouncement();', filename: fixture('aliased/file.ts'), errors: [at(3, 'async')] },
  ],
});

// CommonJS: a never-reassigned `require` of a relative module, by the module's top-level assignments.
// The tester hands languageOptions to ESLint as they are; its type leaves out ESLint's `sourceType`.
const cjs = { filename: fixture('file.cjs'), languageOptions: { sourceType: 'commonjs' } as unknown as TestLanguageOptions };

plainTester.run('read-sibling-module (require)', probe, {
  valid: [
    // A name assigned twice, or possibly supplied by a spread, is unknown.
    { code: 'const { twice } = require("./modules/cjs/exports.cjs"); twice();', ...cjs },
    { code: 'const { open } = require("./modules/cjs/spread.cjs"); open();', ...cjs },
    // A reassigned binding, a shadowed `require` and a package are not followed.
    { code: 'let load = require("./modules/cjs/exports.cjs"); load = () => 1; load();', ...cjs },
    { code: 'function start(require) { const load = require("./modules/cjs/exports.cjs"); load(); }', ...cjs },
    { code: 'const load = require("load-package"); load();', ...cjs },
    // A name the module does not export.
    { code: 'const { missing } = require("./modules/cjs/exports.cjs"); missing();', ...cjs },
  ],
  invalid: [
    // `module.exports = load`, `module.exports.save = save`, `exports.remove = async function …`.
    { code: 'const load = require("./modules/cjs/exports.cjs"); load();', ...cjs, errors: [at(3, 'async')] },
    { code: 'const { save, remove: drop } = require("./modules/cjs/exports.cjs"); save(); drop();', ...cjs, errors: [at(4, 'sync'), at(7, 'async')] },
    { code: 'const save = require("./modules/cjs/exports.cjs").save; save();', ...cjs, errors: [at(4, 'sync')] },
    // `module.exports = { open, close: async () => {} }`.
    { code: 'const { open, close } = require("./modules/cjs/object.cjs"); open(); close();', ...cjs, errors: [at(3, 'sync'), at(6, 'async')] },
  ],
});

plainTester.run('read-sibling-module (aliases)', probe, {
  valid: [
    // A bare name that matches no alias is a package: not read.
    { code: 'import getAnnouncement from "announcement";\ngetAnnouncement();', filename: fixture('aliased/file.ts') },
    { code: 'import getAnnouncement from "@/missing";\ngetAnnouncement();', filename: fixture('aliased/file.ts') },
  ],
  invalid: [],
});
