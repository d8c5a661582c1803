import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { insertUnaryKeyword } from '../../src/util/fix.js';
import { plainTester } from '../rule-tester.js';

// A probe rule: puts `await` in front of every expression statement's expression, so these tests pin
// down the parentheses the shared fix helper writes.
const probe = createRule<[], 'fix'>({
  name: 'probe-fix',
  meta: {
    type: 'problem',
    docs: { description: 'Awaits expression statements', requiresTypeChecking: false, usesTypeInformation: false },
    fixable: 'code',
    messages: { fix: 'fix' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      ExpressionStatement(node: TSESTree.ExpressionStatement) {
        if (node.expression.type === 'AwaitExpression') return;
        context.report({ node, messageId: 'fix', fix: (fixer) => insertUnaryKeyword(context.sourceCode, fixer, node.expression, 'await') });
      },
    };
  },
});

const fixed = [{ messageId: 'fix' as const }];

plainTester.run('fix: insertUnaryKeyword', probe, {
  valid: [],
  invalid: [
    { code: 'save();', output: 'await save();', errors: fixed },
    { code: 'a || b;', output: 'await (a || b);', errors: fixed },
    // Parentheses around the node stay outside the replaced range: the operand still needs its own.
    { code: '(a || b);', output: '(await (a || b));', errors: fixed },
    { code: '(x as Promise<void>);', output: '(await (x as Promise<void>));', errors: fixed },
  ],
});
