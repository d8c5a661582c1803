import { describeCall } from '../../src/util/ast.js';
import { createRule } from '../../src/util/create-rule.js';
import { canAwaitAt } from '../../src/util/get-enclosing-function.js';
import { plainTester, typedTester } from '../rule-tester.js';

// A probe rule: reports every call statement with the name messages give it and whether `await` may be
// inserted in front of it, so these tests pin down both shared answers.
const probe = createRule<[], 'call'>({
  name: 'probe-call',
  meta: {
    type: 'problem',
    docs: { description: 'Reports call statements', requiresTypeChecking: false, usesTypeInformation: false },
    messages: { call: '{{name}} await:{{await}}' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      'ExpressionStatement > CallExpression'(node: Parameters<typeof describeCall>[1] & { type: 'CallExpression' }) {
        const data = { name: describeCall(context.sourceCode, node), await: String(canAwaitAt(node, context.languageOptions.sourceType)) };
        context.report({ node, messageId: 'call', data });
      },
    };
  },
});

/** `name await:true` → the error with that name and answer. */
const says = (...messages: string[]) =>
  messages.map((message) => {
    const [, name, canAwait] = /^(.*) await:(true|false)$/.exec(message)!;
    return { messageId: 'call' as const, data: { name, await: canAwait } };
  });

for (const [name, tester] of [['plain', plainTester], ['typed', typedTester]] as const) {
  tester.run(`names and await (${name})`, probe, {
    valid: [],
    invalid: [
      // An IIFE is named by its shape, never "this call".
      {
        code: '(async () => {\n  start();\n})();',
        errors: says('(async () => {…})() await:true', 'start() await:true'),
      },
      { code: '(async function main(argv) {\n  start(argv);\n})();', errors: says('(async function main(…) {…})() await:true', 'start() await:true') },
      { code: 'createAVeryLongClientFactoryName(withOptions)[methodName]();', errors: says('createAVeryLongClientFactoryName(withOp…() await:true') },
      // CommonJS at the top level: no await there (a ReferenceError or SyntaxError on Node), inside functions yes.
      {
        code: "const db = require('./db');\nsave();\nasync function main() { save(); }\nmodule.exports = { main };",
        errors: says('save() await:false', 'save() await:true'),
      },
      { code: 'exports.ready = true;\nsave();', errors: says('save() await:false') },
      // An ES module (or a module with no module syntax at all) may await at the top level.
      { code: "import db from './db';\nconst x = require('x');\nsave();", errors: says('save() await:true') },
      { code: 'save();', errors: says('save() await:true') },
    ],
  });
}
