import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../src/util/get-enclosing-function.js';
import type { LoopStatement } from '../../src/util/data-loop.js';

/** What the rule collected about the file while walking it, which every analysis reads. */
export interface TimerFile {
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
  sourceCode: TSESLint.SourceCode;
  text: string;
  isTypeScript: boolean;
  allowUnref: boolean;
  /** Every static member access by property name (`this.timer`, `poller.timer`). */
  membersByName: Map<string, TSESTree.MemberExpression[]>;
  /** Classes that read `this[expr]`: any field may be cleared through it. */
  classesWithDynamicThis: Set<TSESTree.Node>;
  /** Field names read through `const { timer } = this` (`*` for a rest element or computed key). */
  namesDestructuredFromThis: Set<string>;
  /** `off`/`removeListener`/`removeEventListener` calls of the file. */
  removalCalls: TSESTree.CallExpression[];
}

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export type LoopNode = LoopStatement;

/** What becomes of a timer's handle where it is created. */
export type HandleFate =
  | { kind: 'discarded'; statement: TSESTree.ExpressionStatement | null }
  | { kind: 'variable'; variable: TSESLint.Scope.Variable }
  | { kind: 'field'; cls: ClassNode; name: string }
  | { kind: 'unref' }
  | { kind: 'escapes' };

/** `released`: cleared, returned or handed on somewhere; `unref`: unref'ed; `unused`: only read. */
export type UseSummary = 'released' | 'unref' | 'unused';
export type Use = 'read' | 'release' | 'unref';

export interface RaceInfo {
  executor: FunctionNode;
  /** The `Promise.race([…])` the timer's promise is an element of, when it is one. */
  raceCall: TSESTree.CallExpression | null;
  /** The `new Promise(…)` expression. */
  promise: TSESTree.Node;
  /** `const timeout = new Promise(…)`, when the promise is named before the race. */
  declaration: TSESTree.VariableDeclaration | null;
}

/** A suggestion's text and fix; the rule file names its message (so each message id is visibly used there). */
export interface SuggestionPlan {
  data?: Record<string, string>;
  fix: TSESLint.ReportFixFunction;
}
