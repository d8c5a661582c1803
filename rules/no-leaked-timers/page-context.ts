import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';

/**
 * Methods of browser-automation clients (Puppeteer, Playwright, WebDriver) that serialise a function and run
 * it inside the browser page: `page.evaluate(fn)`, `page.$eval(selector, fn)`, `driver.executeScript(fn)`.
 */
const PAGE_EVALUATE_METHODS: ReadonlySet<string> = new Set([
  'evaluate',
  'evaluateHandle',
  '$eval',
  '$$eval',
  'waitForFunction',
  'addInitScript',
  'evaluateOnNewDocument',
  'executeScript',
  'executeAsyncScript',
]);

/**
 * Whether the code runs in a browser page rather than in this process: it sits in a function handed to
 * `page.evaluate()` and its kin, directly or through a `const` whose every use is such a hand-over. A timer
 * there dies with the page, and holds no Node process open.
 */
export function createPageContextAnalysis(sourceCode: TSESLint.SourceCode) {
  return { runsInBrowserPage };

  function runsInBrowserPage(node: TSESTree.Node): boolean {
    for (let current = node.parent; current; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      if (isEvaluateArgument(current)) return true;
      const holder = current.parent;
      let id: TSESTree.Identifier | null = null;
      if (current.type === AST_NODE_TYPES.FunctionDeclaration) id = current.id;
      else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === current && holder.id.type === AST_NODE_TYPES.Identifier) id = holder.id;
      if (!id) continue;
      const variable = sourceCode.getDeclaredVariables(current.type === AST_NODE_TYPES.FunctionDeclaration ? current : holder!).find((candidate) => candidate.name === id.name);
      const uses = variable?.references.filter((reference) => !reference.init) ?? [];
      if (uses.length > 0 && uses.every((reference) => isEvaluateArgument(reference.identifier as TSESTree.Node))) return true;
    }
    return false;
  }
}

function isEvaluateArgument(node: TSESTree.Node): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(node as TSESTree.Expression)) return false;
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && PAGE_EVALUATE_METHODS.has(getStaticPropertyName(callee) ?? '');
}
