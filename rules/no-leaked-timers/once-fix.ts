import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { keyName } from './syntax.js';

/** The fix for an abort listener that is never removed: `{ once: true }` in its options. */
export function createOnceFixBuilder(sourceCode: TSESLint.SourceCode) {
  return { buildOnceFix };

  function buildOnceFix(call: TSESTree.CallExpression, listenerOptions: TSESTree.Node | undefined): TSESLint.ReportFixFunction | null {
    if (!listenerOptions) {
      const closing = sourceCode.getLastToken(call)!;
      const previous = sourceCode.getTokenBefore(closing)!;
      if (ASTUtils.isCommaToken(previous)) return (fixer) => fixer.insertTextAfter(previous, ' { once: true }');
      return (fixer) => fixer.insertTextAfter(previous, ', { once: true }');
    }
    if (listenerOptions.type === AST_NODE_TYPES.Literal) {
      const replacement = listenerOptions.value === true ? '{ capture: true, once: true }' : '{ once: true }';
      return (fixer) => fixer.replaceText(listenerOptions, replacement);
    }
    if (listenerOptions.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const onceFalse = listenerOptions.properties.find(
      (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && keyName(property.key) === 'once',
    );
    if (onceFalse) {
      if (onceFalse.shorthand) return null;
      return (fixer) => fixer.replaceText(onceFalse.value, 'true');
    }
    const last = listenerOptions.properties.at(-1);
    if (!last) return (fixer) => fixer.replaceText(listenerOptions, '{ once: true }');
    return (fixer) => fixer.insertTextAfter(last, ', once: true');
  }
}
