import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { PROMISE_RETURNING_APIS } from '../../src/knowledge/promise-apis.js';
import { chooseFreeName } from '../../src/util/add-import.js';
import { getOuterExpression } from '../../src/util/ast.js';
import { getEnclosingFunction, isFunctionNode, isInside } from '../../src/util/get-enclosing-function.js';
import { findApiReferences } from '../../src/util/resolve-import.js';
import { canBecomeAsync, isBlockLike, isSafeToMove, keyName } from './syntax.js';
import { createSourceText } from './source-text.js';
import type { HandleFate, RaceInfo, SuggestionPlan, TimerFile } from './types.js';

/** The suggestions for a race's timeout that nothing clears: clear it in `finally`, in `.finally()`, or use `AbortSignal.timeout()` on a fetch. */
export function createRaceSuggestions(file: TimerFile) {
  const { sourceCode, text, isTypeScript } = file;
  const { getClearFunction, getTypeofText, asyncAnchor, expressionRange, reindent, indentOf } = createSourceText(sourceCode);
  return { buildClearInFinallySuggestion, buildFinallyCallSuggestion, buildAbortSignalSuggestion };

  function buildClearInFinallySuggestion(
    call: TSESTree.CallExpression,
    race: RaceInfo,
    fate: HandleFate & { kind: 'discarded' },
  ): SuggestionPlan | null {
    const raceCall = race.raceCall!;
    // Where the handle is assigned: the timer call is the executor's statement or its expression body.
    const callOuter = getOuterExpression(call);
    const isBodyExpression = race.executor.body === callOuter;
    if (!isBodyExpression && (!fate.statement || fate.statement.expression !== callOuter || fate.statement.parent !== race.executor.body)) {
      return null;
    }
    const fn = getEnclosingFunction(raceCall);
    if (!fn || fn.generator) return null;
    if (!fn.async && !canBecomeAsync(fn)) return null;
    if (race.declaration && getEnclosingFunction(race.declaration) !== fn) return null;
    // `return Promise.race(…)`, `return await Promise.race(…)`, or an arrow whose body is the race.
    let returned: TSESTree.Node = getOuterExpression(raceCall);
    if (returned.parent?.type === AST_NODE_TYPES.AwaitExpression) returned = getOuterExpression(returned.parent);
    const holder = returned.parent;
    const isReturn = holder?.type === AST_NODE_TYPES.ReturnStatement && holder.argument === returned;
    const isArrowBody = fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body === returned;
    if (!isReturn && !isArrowBody) return null;
    if (race.declaration && (!isReturn || !isInside(holder, race.declaration.parent))) return null;
    if (race.declaration && !isBlockLike(race.declaration.parent)) return null;
    const clear = getClearFunction(call, 'clearTimeout');
    if (!clear) return null;
    const name = chooseFreeName(sourceCode, 'timer');
    const declare = isTypeScript ? `let ${name}: ReturnType<typeof ${getTypeofText(call)}> | undefined;` : `let ${name};`;

    return {
      data: { name },
      fix(fixer) {
        const fixes: TSESLint.RuleFix[] = [];
        // The race's text, with the executor now keeping the handle.
        const [raceStart, raceEnd] = raceCall.range;
        const assignment = isBodyExpression ? `{ ${name} = ${sourceCode.getText(call)}; }` : `${name} = ${sourceCode.getText(call)}`;
        const target = isBodyExpression ? expressionRange(callOuter) : callOuter.range;
        let raceText: string;
        if (race.declaration) {
          raceText = sourceCode.getText(raceCall);
          fixes.push(fixer.replaceTextRange(target, assignment));
          fixes.push(fixer.insertTextBefore(race.declaration, `${declare}\n${indentOf(race.declaration)}`));
        } else {
          raceText = text.slice(raceStart, target[0]) + assignment + text.slice(target[1], raceEnd);
        }
        const tryLines = (raceIndent: string): string[] => [
          'try {',
          `  return await ${reindent(raceText, raceCall, raceIndent)};`,
          '} finally {',
          `  ${clear}(${name});`,
          '}',
        ];
        if (isArrowBody) {
          // `(…) => Promise.race(…)` becomes `(…) => { …; try { return await Promise.race(…); } finally { … } }`.
          const inner = `${indentOf(fn)}  `;
          const lines = [...(race.declaration ? [] : [declare]), ...tryLines('    ')];
          const block = `{\n${lines.map((line) => `${inner}${line}`).join('\n')}\n${indentOf(fn)}}`;
          const arrow = sourceCode.getTokenBefore(fn.body, (token) => token.value === '=>')!;
          fixes.push(fixer.replaceTextRange([arrow.range[1], expressionRange(returned)[1]], ` ${block}`));
        } else {
          const statement = holder as TSESTree.ReturnStatement;
          const wrap = !isBlockLike(statement.parent);
          const indent = indentOf(statement);
          const lineIndent = wrap ? `${indent}  ` : indent;
          const lines = [...(race.declaration ? [] : [declare]), ...tryLines(wrap ? '    ' : '  ')];
          const body = lines.join(`\n${lineIndent}`);
          fixes.push(fixer.replaceText(statement, wrap ? `{\n${lineIndent}${body}\n${indent}}` : body));
        }
        if (!fn.async) fixes.push(fixer.insertTextBefore(asyncAnchor(fn), 'async '));
        return fixes;
      },
    };
  }

  /** `const x = await Promise.race([…])`: keep the handle and clear it in `.finally()` on the race itself. */
  function buildFinallyCallSuggestion(
    call: TSESTree.CallExpression,
    race: RaceInfo,
    fate: HandleFate & { kind: 'discarded' },
  ): SuggestionPlan | null {
    const raceCall = race.raceCall!;
    if (race.declaration) return null;
    const callOuter = getOuterExpression(call);
    const isBodyExpression = race.executor.body === callOuter;
    if (!isBodyExpression && (!fate.statement || fate.statement.expression !== callOuter || fate.statement.parent !== race.executor.body)) {
      return null;
    }
    if (getOuterExpression(raceCall).parent?.type !== AST_NODE_TYPES.AwaitExpression) return null;
    let statement: TSESTree.Node = raceCall;
    while (statement.parent && !isBlockLike(statement.parent)) {
      statement = statement.parent;
      if (isFunctionNode(statement)) return null;
    }
    if (!statement.parent || statement.type === AST_NODE_TYPES.ReturnStatement) return null;
    const clear = getClearFunction(call, 'clearTimeout');
    if (!clear) return null;
    const name = chooseFreeName(sourceCode, 'timer');
    const declare = isTypeScript ? `let ${name}: ReturnType<typeof ${getTypeofText(call)}> | undefined;` : `let ${name};`;
    const target = isBodyExpression ? expressionRange(callOuter) : callOuter.range;
    const assignment = isBodyExpression ? `{ ${name} = ${sourceCode.getText(call)}; }` : `${name} = ${sourceCode.getText(call)}`;
    const raceText = text.slice(raceCall.range[0], target[0]) + assignment + text.slice(target[1], raceCall.range[1]);
    const anchorStatement = statement;
    return {
      data: { name },
      fix: (fixer) => [
        fixer.insertTextBefore(anchorStatement, `${declare}\n${indentOf(anchorStatement)}`),
        fixer.replaceText(raceCall, `${raceText}.finally(() => ${clear}(${name}))`),
      ],
    };
  }

  function buildAbortSignalSuggestion(call: TSESTree.CallExpression, race: RaceInfo): SuggestionPlan | null {
    const raceCall = race.raceCall!;
    if (race.declaration) return null;
    const array = raceCall.arguments[0] as TSESTree.ArrayExpression;
    if (array.elements.length !== 2) return null;
    const work = array.elements.find((element) => element !== race.promise);
    if (!work || work.type !== AST_NODE_TYPES.CallExpression) return null;
    const reference = findApiReferences(sourceCode, PROMISE_RETURNING_APIS).get(work);
    if (reference?.target.global !== 'fetch' || work.arguments.length === 0 || work.arguments.length > 2) return null;
    const delay = call.arguments[1];
    if (!delay || !isSafeToMove(delay, race.executor)) return null;
    const [url, init] = work.arguments;
    if (url?.type === AST_NODE_TYPES.SpreadElement) return null;
    if (init && (init.type !== AST_NODE_TYPES.ObjectExpression || init.properties.some((p) => p.type !== AST_NODE_TYPES.Property || keyName(p.key) === 'signal'))) {
      return null;
    }
    const signal = `signal: AbortSignal.timeout(${sourceCode.getText(delay)})`;
    let initText: string;
    if (!init) initText = `{ ${signal} }`;
    else if (init.properties.length === 0) initText = `{ ${signal} }`;
    else {
      const last = init.properties.at(-1)!;
      initText = text.slice(init.range[0], last.range[1]) + `, ${signal}` + text.slice(last.range[1], init.range[1]);
    }
    const replacement = `${sourceCode.getText(work.callee)}(${sourceCode.getText(url!)}, ${initText})`;
    return {
      fix: (fixer) => fixer.replaceText(raceCall, replacement),
    };
  }
}
