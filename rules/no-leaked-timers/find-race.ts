import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getOuterExpression } from '../../src/util/ast.js';
import { getEnclosingFunction, isInside } from '../../src/util/get-enclosing-function.js';
import { createSourceText } from './source-text.js';
import type { RaceInfo } from './types.js';

/** Whether a timeout guards a race: it settles a promise that races other work (`Promise.race`, a competing callback). */
export function createRaceFinder(sourceCode: TSESLint.SourceCode) {
  const { isPromiseExecutor, isRaceElement } = createSourceText(sourceCode);
  return { findRace };

  function findRace(call: TSESTree.CallExpression): RaceInfo | null {
    const executor = getEnclosingFunction(call);
    if (!executor || !isPromiseExecutor(executor)) return null;
    const settlers = executor.params
      .slice(0, 2)
      .filter((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier)
      .map((param) => ASTUtils.findVariable(sourceCode.getScope(param), param))
      .filter((variable): variable is TSESLint.Scope.Variable => variable != null);
    const references = settlers.flatMap((variable) => variable.references.filter((reference) => !reference.init));
    const inTimer = references.filter((reference) => isInside(reference.identifier, call));
    if (inTimer.length === 0) return null;
    const newPromise = executor.parent as TSESTree.NewExpression;
    const outer = getOuterExpression(newPromise);
    const raceCall = isRaceElement(outer);
    if (raceCall) return { executor, raceCall, promise: outer, declaration: null };
    const declaration = getConstDeclaration(outer);
    if (declaration) {
      for (const reference of declaration.variable.references) {
        if (reference.init) continue;
        const race = isRaceElement(getOuterExpression(reference.identifier));
        if (race) return { executor, raceCall: race, promise: outer, declaration: declaration.statement };
      }
    }
    // The executor also settles from a callback or hands resolve/reject on: the timer races that work.
    const competing = references.some((reference) => {
      const id = reference.identifier;
      if (isInside(id, call)) return false;
      if (getEnclosingFunction(id) !== executor) return true;
      const idOuter = getOuterExpression(id);
      return idOuter.parent?.type === AST_NODE_TYPES.CallExpression && idOuter.parent.callee !== idOuter;
    });
    return competing ? { executor, raceCall: null, promise: outer, declaration: null } : null;
  }

  function getConstDeclaration(node: TSESTree.Node): { variable: TSESLint.Scope.Variable; statement: TSESTree.VariableDeclaration } | null {
    const parent = node.parent;
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return null;
    if (parent.parent.kind !== 'const') return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
    return variable ? { variable, statement: parent.parent } : null;
  }
}
