import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { NON_REJECTING_METHODS, NON_REJECTING_METHOD_NAMES, type NonRejectingMethods } from '../../src/knowledge/non-rejecting-apis.js';
import { getDeclaringModule } from '../../src/util/declaring-module.js';
import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { TypeServices } from '../../src/util/get-type-services.js';
import { isVagueType, loadTypeScript, unionConstituents } from '../../src/util/typescript.js';

/**
 * A call of an API whose promise does not reject in normal use (`src/knowledge/non-rejecting-apis.ts`).
 * (`Promise.resolve()` of no value or of a literal is a shape of `src/util/cannot-reject.ts`.)
 */
export function isNonRejectingApiCall(
  call: TSESTree.CallExpression,
  services: TypeServices | null,
): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  if (!services || !NON_REJECTING_METHOD_NAMES.has(method)) return false;
  const entry = findCatalogueEntry(call, method, services);
  return entry !== null && (entry.rejectsWithOption === undefined || !mayPassOption(call, entry.rejectsWithOption, services));
}

/** The catalogue entry whose owner and module declare the method the checker resolves the call to. */
function findCatalogueEntry(call: TSESTree.CallExpression, method: string, services: TypeServices): NonRejectingMethods | null {
  const ts = loadTypeScript();
  const tsCall = services.getTsNode(call);
  if (!ts.isCallExpression(tsCall)) return null;
  const declaration = services.checker.getResolvedSignature(tsCall)?.declaration;
  if (!declaration || (!ts.isMethodDeclaration(declaration) && !ts.isMethodSignature(declaration))) return null;
  const owner = declaration.parent;
  if ((!ts.isClassDeclaration(owner) && !ts.isInterfaceDeclaration(owner)) || !owner.name) return null;
  const ownerName = owner.name.text;
  const module = getDeclaringModule(declaration);
  return (
    NON_REJECTING_METHODS.find((entry) => entry.owner === ownerName && entry.module === module && entry.methods.includes(method)) ?? null
  );
}

/**
 * Whether an argument may carry the option that makes the promise reject (`{ throwOnError: true }`):
 * an object literal that names it with anything but `false`, or spreads something; any other value
 * whose type has the property, or whose type the checker does not know.
 */
function mayPassOption(call: TSESTree.CallExpression, option: string, services: TypeServices): boolean {
  return call.arguments.some((argument) => {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return true;
    const inner = skipExpressionWrappers(argument);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) {
      return inner.properties.some((property) => {
        if (property.type === AST_NODE_TYPES.SpreadElement) return true;
        if (property.computed) return true;
        if (getKeyName(property.key) !== option) return false;
        return !(property.value.type === AST_NODE_TYPES.Literal && property.value.value === false);
      });
    }
    if (inner.type === AST_NODE_TYPES.ArrayExpression || inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.TemplateLiteral) {
      return false;
    }
    const type = services.getType(inner);
    if (isVagueType(type)) return true;
    return unionConstituents(services.checker.getNonNullableType(type)).some((part) => part.getProperty(option) !== undefined);
  });
}
