import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { chooseFreeName } from '../../src/util/add-import.js';
import { getOuterExpression } from '../../src/util/ast.js';
import { getEnclosingFunction } from '../../src/util/get-enclosing-function.js';
import { hasOverloads, hasReturnStatement, isPlainFunction } from './syntax.js';
import { createSourceText } from './source-text.js';
import type { HandleFate, SuggestionPlan, TimerFile } from './types.js';

/** The suggestion for a discarded interval in a plain function: keep the handle and return a function that clears it. */
export function createStopFunctionSuggestion(file: TimerFile) {
  const { sourceCode } = file;
  const { getClearFunction, indentOf } = createSourceText(sourceCode);
  return { buildReturnStopSuggestion };

  function buildReturnStopSuggestion(call: TSESTree.CallExpression, fate: HandleFate): SuggestionPlan | null {
    if (fate.kind !== 'discarded' || !fate.statement || getOuterExpression(call) !== fate.statement.expression) return null;
    const statement = fate.statement;
    const fn = getEnclosingFunction(call);
    if (!fn || fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement || statement.parent !== fn.body) return null;
    if (!isPlainFunction(fn)) return null;
    const returnType = fn.returnType?.typeAnnotation;
    if (returnType && returnType.type !== AST_NODE_TYPES.TSVoidKeyword) return null;
    if (hasReturnStatement(fn.body) || hasOverloads(fn)) return null;
    const clear = getClearFunction(call, 'clearInterval');
    if (!clear) return null;
    const name = chooseFreeName(sourceCode, 'timer');
    const body = fn.body;
    return {
      data: { name },
      fix(fixer) {
        const fixes = [fixer.replaceText(statement, `const ${name} = ${sourceCode.getText(call)};`)];
        const closing = sourceCode.getLastToken(body)!;
        const before = sourceCode.getTokenBefore(closing, { includeComments: true })!;
        const returnText = `return () => ${clear}(${name});`;
        if (before.loc.end.line === closing.loc.start.line && body.loc.start.line === closing.loc.start.line) {
          fixes.push(fixer.insertTextAfter(before, ` ${returnText}`));
        } else {
          fixes.push(fixer.insertTextAfter(before, `\n${indentOf(statement)}${returnText}`));
        }
        if (returnType) fixes.push(fixer.replaceText(returnType, '() => void'));
        return fixes;
      },
    };
  }
}
