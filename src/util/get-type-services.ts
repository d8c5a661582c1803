import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type * as ts from 'typescript';

import { guardChecker } from './safe-checker.js';

/**
 * The type checker and node maps, when the user's parser built a program for this file. `checker` and
 * `getType` are guarded (see safe-checker.ts): when TypeScript throws, they answer "unknown" (`any`,
 * no, nothing) instead of ending the lint run.
 */
export interface TypeServices {
  program: ts.Program;
  checker: ts.TypeChecker;
  getTsNode(node: TSESTree.Node): ts.Node;
  getType(node: TSESTree.Node): ts.Type;
}

const cache = new WeakMap<TSESLint.SourceCode, TypeServices | null>();

/**
 * Type information when there is a program (`parserOptions.projectService` or `project`), else null.
 * Reads `sourceCode.parserServices.program` first because `getParserServices` throws under espree and
 * under hosts without types; null means "answer syntactically".
 */
export function getTypeServices(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeServices | null {
  const sourceCode = context.sourceCode;
  // Without a program there is nothing to build, and the check is cheaper than a cache entry (issue 12 §4).
  if (!sourceCode.parserServices?.program) return null;
  const cached = cache.get(sourceCode);
  if (cached !== undefined) return cached;
  let services: TypeServices | null = null;
  if (sourceCode.parserServices?.program) {
    const parserServices = ESLintUtils.getParserServices(context, true);
    const program = parserServices.program;
    if (program) {
      const checker = guardChecker(program.getTypeChecker());
      // One answer per node for every rule in the run: the file's services are shared, so is this.
      const types = new WeakMap<TSESTree.Node, ts.Type>();
      services = {
        program,
        checker,
        getTsNode: (node) => parserServices.esTreeNodeToTSNodeMap.get(node),
        getType: (node) => {
          let type = types.get(node);
          if (!type) {
            type = checker.getTypeAtLocation(parserServices.esTreeNodeToTSNodeMap.get(node));
            types.set(node, type);
          }
          return type;
        },
      };
    }
  }
  cache.set(sourceCode, services);
  return services;
}
