import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getOuterExpression } from '../../src/util/ast.js';
import { isLoopStatement } from '../../src/util/data-loop.js';
import { findClassElement, findTeardownMethod, keyName } from './syntax.js';
import { createSourceText } from './source-text.js';
import type { ClassNode, HandleFate, SuggestionPlan, TimerFile } from './types.js';

/** The suggestion for a discarded interval in a method: keep the handle on `this` and clear it in the teardown method (or a new `stop()`). */
export function createStoreOnThisSuggestion(file: TimerFile) {
  const { sourceCode, isTypeScript, membersByName } = file;
  const { getClearFunction, getTypeofText, indentOf } = createSourceText(sourceCode);
  return { buildStoreOnThisSuggestion };

  function buildStoreOnThisSuggestion(
    call: TSESTree.CallExpression,
    fate: HandleFate,
    cls: ClassNode,
  ): SuggestionPlan | null {
    if (fate.kind !== 'discarded' || !fate.statement || getOuterExpression(call) !== fate.statement.expression) return null;
    const statement = fate.statement;
    const member = findClassElement(call, cls);
    if (!member || member.static) return null;
    for (let current: TSESTree.Node | undefined = statement.parent; current && current !== member; current = current.parent) {
      if (isLoopStatement(current)) return null;
    }
    const clear = getClearFunction(call, 'clearInterval');
    if (!clear) return null;
    const memberNames = new Set(
      cls.body.body.map((element) =>
        (element.type === AST_NODE_TYPES.MethodDefinition ||
          element.type === AST_NODE_TYPES.PropertyDefinition ||
          element.type === AST_NODE_TYPES.AccessorProperty ||
          element.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
          element.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
          element.type === AST_NODE_TYPES.TSAbstractAccessorProperty) &&
        !element.computed
          ? keyName(element.key)
          : null,
      ),
    );
    let name = 'timer';
    for (let index = 2; memberNames.has(name) || membersByName.has(name); index += 1) name = `timer${index}`;
    const teardown = findTeardownMethod(cls);
    if (!teardown && (memberNames.has('stop') || cls.superClass)) return null;
    const methodName = teardown ? keyName(teardown.key)! : 'stop';
    const clearText = `${clear}(this.${name});`;
    const calleeText = getTypeofText(call);
    return {
      data: { name, method: methodName },
      fix(fixer) {
        const fixes = [fixer.replaceText(statement, `this.${name} = ${sourceCode.getText(call)};`)];
        const firstMember = cls.body.body[0]!;
        const memberIndent = indentOf(firstMember);
        if (isTypeScript) {
          fixes.push(
            fixer.insertTextBefore(firstMember, `private ${name}?: ReturnType<typeof ${calleeText}>;\n${memberIndent}`),
          );
        }
        if (teardown) {
          const body = teardown.value.body;
          const first = body.body[0];
          const open = sourceCode.getFirstToken(body)!;
          const indent = first && first.loc.start.line !== open.loc.start.line ? indentOf(first) : `${indentOf(teardown)}  `;
          fixes.push(fixer.insertTextAfter(open, `\n${indent}${clearText}`));
        } else {
          const lastMember = cls.body.body.at(-1)!;
          const signature = isTypeScript ? 'stop(): void' : 'stop()';
          fixes.push(
            fixer.insertTextAfter(
              lastMember,
              `\n\n${memberIndent}${signature} {\n${memberIndent}  ${clearText}\n${memberIndent}}`,
            ),
          );
        }
        return fixes;
      },
    };
  }
}
