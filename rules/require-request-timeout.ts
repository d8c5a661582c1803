import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import {
  REQUEST_APIS,
  REQUEST_CLIENT_FACTORIES,
  REQUEST_CLIENTS,
  REQUEST_DEFAULT_TIMEOUTS,
  type ClientFactory,
  type RequestApi,
  type RequestClient,
} from '../src/knowledge/request-apis.js';
import { climbWrappers, getKeyName, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { getCallerSignalFinder } from '../src/util/find-caller-signal.js';
import { isFunctionNode } from '../src/util/get-enclosing-function.js';
import { getTypeServices, type TypeServices } from '../src/util/get-type-services.js';
import { isTestFile } from '../src/util/is-test-file.js';
import {
  isIntrinsicNullType,
  isIntrinsicUndefinedType,
  isIntrinsicVoidType,
  isVagueType,
  loadTypeScript,
  unionConstituents,
} from '../src/util/typescript.js';
import { getThisClass } from '../src/util/resolve-function.js';
import { findApiReferences, mentionsApi } from '../src/util/resolve-import.js';

export type Options = [
  {
    defaultTimeoutMs?: number;
    clients?: RequestClient[];
    checkOpaqueOptions?: boolean;
    autofix?: boolean;
  },
];
export type MessageId = 'missingTimeout' | 'addTimeout';

/** What the options of one request say about its deadline. */
type OptionsPlace =
  /** A key that ends or cancels the request is written, or may be there: nothing to report. */
  | { kind: 'covered' }
  /** An object literal without one. */
  | { kind: 'literal'; node: TSESTree.ObjectExpression }
  /** No options argument: one can be added. */
  | { kind: 'missing'; insert: (fixer: TSESLint.RuleFixer, options: string) => TSESLint.RuleFix }
  /** A variable, call or spread that lacks one (`lacks`) or may or may not carry one (`unknown`). */
  | { kind: 'opaque'; node: TSESTree.Expression; verdict: 'lacks' | 'unknown'; literal?: TSESTree.ObjectExpression };

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type Verdict = 'lacks' | 'mayHave' | 'unknown';

/** Methods of an http.ClientRequest that return the request, so a chain on it still holds it. */
const REQUEST_CHAIN_METHODS = new Set(['end', 'on', 'once', 'prependListener', 'setHeader', 'setNoDelay', 'setSocketKeepAlive']);

export default createRule<Options, MessageId>({
  name: 'require-request-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a timeout or an abort signal on HTTP requests so that a silent server cannot hang them for ever',
      recommended: 'strict',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      missingTimeout:
        '`{{name}}` has no timeout: if the server stops answering, the request and its socket stay open for hours or for ever and everything waiting on it hangs; give it a deadline with `{{remedy}}`.',
      addTimeout: 'Add `{{property}}` to the options of `{{name}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          defaultTimeoutMs: {
            type: 'integer',
            minimum: 1,
            description: 'The deadline, in milliseconds, that the fix writes.',
          },
          clients: {
            type: 'array',
            items: { type: 'string', enum: [...REQUEST_CLIENTS] },
            uniqueItems: true,
            description: 'The HTTP clients to check: `fetch` (global fetch, node-fetch), `undici`, `axios`, `got`, `http` (http/https request and get).',
          },
          checkOpaqueOptions: {
            type: 'boolean',
            description:
              'Also report requests whose options are a variable, call or spread that may or may not carry a timeout, unless type information shows it may (an optional `signal?` counts).',
          },
          autofix: {
            type: 'boolean',
            description: 'Add the timeout with --fix; when false (the default) it is offered as a suggestion, because a fixed cap can abort a legitimately long download.',
          },
        },
      },
    ],
    defaultOptions: [{ defaultTimeoutMs: 30000, clients: [...REQUEST_CLIENTS], checkOpaqueOptions: false, autofix: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Every request the rule judges is a catalogued client call or a call on an instance a catalogued
    // factory made: a file that spells none of their modules or globals has nothing to report (issue 12 §4).
    if (!mentionsApi(sourceCode, REQUEST_APIS) && !mentionsApi(sourceCode, REQUEST_CLIENT_FACTORIES)) return {};
    const services = getTypeServices(context);
    const timeoutMs = options.defaultTimeoutMs ?? 30000;
    const clients = new Set<RequestClient>(options.clients ?? REQUEST_CLIENTS);
    const checkOpaque = options.checkOpaqueOptions === true;
    const autofix = options.autofix === true;
    const instances = new WeakMap<TSESLint.Scope.Variable, boolean>();
    let factoryHolderNames: Set<string> | undefined;
    const classInstances = new WeakMap<ClassNode, Map<string, { factory: ClientFactory; covered: boolean }>>();
    // Test code requests a test's own server or a stubbed client, and the test runner's timeout bounds the
    // wait. Asked only once a request would be reported: most files have none.
    let testCode: boolean | undefined;
    const isTestCode = (): boolean => (testCode ??= isTestFile(sourceCode, context.physicalFilename, context.cwd));

    return {
      CallExpression(call) {
        const found = findRequest(call);
        if (!found || !clients.has(found.api.client) || call.arguments.length === 0) return;
        const { api } = found;
        if (found.covered) return;
        if (api.client === 'fetch' && isRequestObject(call.arguments[0]!)) return;
        if (api.returnsRequest && isRequestManaged(call)) return;
        const place = locateOptions(call, api);
        if (place.kind === 'covered') return;
        if (place.kind === 'opaque' && !(place.verdict === 'lacks' || checkOpaque)) return;
        if (isTestCode()) return;
        const property = deadlineProperty(call, api);
        const name = api.name;
        const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix | TSESLint.RuleFix[] => {
          switch (place.kind) {
            case 'literal':
              return addProperty(fixer, place.node, property);
            case 'missing':
              return place.insert(fixer, `{ ${property} }`);
            default:
              if (place.literal) return addProperty(fixer, place.literal, property);
              return fixer.replaceText(place.node, `{ ...${sourceCode.getText(place.node)}, ${property} }`);
          }
        };
        context.report({
          node: call,
          messageId: 'missingTimeout',
          data: { name, remedy: remedyHint(api) },
          fix: autofix ? fix : null,
          suggest: autofix ? [] : [{ messageId: 'addTimeout', data: { name, property }, fix }],
        });
      },
    };

    /** The request API a call makes, directly or on a client instance, and whether the instance already has a deadline. */
    function findRequest(call: TSESTree.CallExpression): { api: RequestApi; covered: boolean } | null {
      const direct = findApiReferences(sourceCode, REQUEST_APIS).get(call)?.target.info;
      if (direct) return { api: direct, covered: direct.client === 'axios' && hasGlobalAxiosTimeout() };
      const callee = skipExpressionWrappers(call.callee);
      let holder: TSESTree.Expression = callee;
      let method = '';
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = getStaticPropertyName(callee);
        const object = skipExpressionWrappers(callee.object);
        // `api.get()` on an instance, or `this.http()` calling one held in a field.
        if (name !== null && (object.type === AST_NODE_TYPES.Identifier || isThisMember(object))) {
          holder = object;
          method = name;
        }
      }
      const instance = findInstance(holder);
      if (!instance) return null;
      const api = instance.factory.methods.get(method);
      return api ? { api, covered: instance.covered } : null;
    }

    /** A client made by `axios.create()`/`got.extend()` in this file, held in a const or a class field. */
    function findInstance(node: TSESTree.Expression): { factory: ClientFactory; covered: boolean } | null {
      // Every instance is the result of a catalogued factory call: a file without one has none to find (issue 12 §4).
      if (findApiReferences(sourceCode, REQUEST_CLIENT_FACTORIES).size === 0) return null;
      if (node.type === AST_NODE_TYPES.Identifier) {
        // Only a name some declarator gives to a factory's result can hold an instance: other names need no
        // scope lookup, which keeps the rule linear in files with many calls (issue 12 §4).
        if (!getFactoryHolderNames().has(node.name)) return null;
        const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
        if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
        const factoryCall = def.node.init && skipExpressionWrappers(def.node.init);
        const factory = factoryCall?.type === AST_NODE_TYPES.CallExpression ? findFactory(factoryCall) : null;
        if (!factory || factoryCall?.type !== AST_NODE_TYPES.CallExpression) return null;
        let covered = instances.get(variable);
        if (covered === undefined) {
          covered = isFactoryCovered(factoryCall, factory) || variable.references.some((reference) => readsDefaults(reference.identifier));
          instances.set(variable, covered);
        }
        return { factory, covered };
      }
      if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
      const field = getStaticPropertyName(node);
      const cls = getThisClass(node);
      if (field === null || !cls) return null;
      return getClassInstances(cls).get(field) ?? null;
    }

    /** The names of declarators whose initialiser holds a catalogued factory call (a superset of the instances). */
    function getFactoryHolderNames(): Set<string> {
      if (factoryHolderNames) return factoryHolderNames;
      factoryHolderNames = new Set();
      for (const call of findApiReferences(sourceCode, REQUEST_CLIENT_FACTORIES).keys()) {
        for (let current: TSESTree.Node | undefined = call.parent; current && !isFunctionNode(current); current = current.parent) {
          if (current.type !== AST_NODE_TYPES.VariableDeclarator) continue;
          if (current.id.type === AST_NODE_TYPES.Identifier) factoryHolderNames.add(current.id.name);
          break;
        }
      }
      return factoryHolderNames;
    }

    function findFactory(call: TSESTree.CallExpression): ClientFactory | null {
      const factory = findApiReferences(sourceCode, REQUEST_CLIENT_FACTORIES).get(call)?.target.info;
      return factory && clients.has(factory.client) ? factory : null;
    }

    /** The factory's own options give every call a deadline, or may (a variable, a spread). */
    function isFactoryCovered(call: TSESTree.CallExpression, factory: ClientFactory): boolean {
      const config = call.arguments[0];
      if (!config) return false;
      const keys = factory.methods.get('')!.deadlineKeys;
      if (config.type === AST_NODE_TYPES.SpreadElement) return true;
      const verdict = judgeOptions(config, keys);
      return verdict !== 'lacks';
    }

    /** `api.defaults.timeout = 5000` (or any write through `api.defaults`): the instance is configured later. */
    function readsDefaults(id: TSESTree.Node): boolean {
      const parent = id.parent;
      return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === id && getStaticPropertyName(parent) === 'defaults';
    }

    function hasGlobalAxiosTimeout(): boolean {
      return findApiReferences(sourceCode, REQUEST_DEFAULT_TIMEOUTS).size > 0;
    }

    /** Fields assigned a client instance: `this.http = axios.create(…)` in a method, or `http = axios.create(…)`. */
    function getClassInstances(cls: ClassNode): Map<string, { factory: ClientFactory; covered: boolean }> {
      let fields = classInstances.get(cls);
      if (fields) return fields;
      fields = new Map();
      classInstances.set(cls, fields);
      const record = (name: string | null, value: TSESTree.Expression | null | undefined): void => {
        const call = value && skipExpressionWrappers(value);
        if (name === null || call?.type !== AST_NODE_TYPES.CallExpression) return;
        const factory = findFactory(call);
        if (factory) fields.set(name, { factory, covered: isFactoryCovered(call, factory) || writesFieldDefaults(cls, name) });
      };
      for (const member of cls.body.body) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed) record(getKeyName(member.key), member.value);
        if (member.type !== AST_NODE_TYPES.MethodDefinition || !member.value.body) continue;
        for (const statement of member.value.body.body) {
          if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
          const expression = statement.expression;
          if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
          if (expression.left.type === AST_NODE_TYPES.MemberExpression && expression.left.object.type === AST_NODE_TYPES.ThisExpression) {
            record(getStaticPropertyName(expression.left), expression.right);
          }
        }
      }
      return fields;
    }

    /** `this.http.defaults.…` anywhere in the class. */
    function writesFieldDefaults(cls: ClassNode, field: string): boolean {
      const text = sourceCode.getText(cls);
      return text.includes(`this.${field}.defaults`);
    }

    /** `fetch(request)`: a Request object carries its own signal. */
    function isRequestObject(raw: TSESTree.CallExpressionArgument): boolean {
      if (raw.type === AST_NODE_TYPES.SpreadElement) return true;
      const node = skipExpressionWrappers(raw);
      if (node.type === AST_NODE_TYPES.NewExpression) return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Request';
      if (services) {
        const verdict = isRequestTyped(services, node);
        if (verdict !== null) return verdict;
      }
      const name = getSimpleName(node);
      return name !== null && /^(?:req|request)$|Request$/u.test(name);
    }

    /**
     * An http.ClientRequest that gets a deadline later (`req.setTimeout(ms)`, a 'timeout' or 'socket'
     * listener, `req.destroy()` from a timer), or that is handed elsewhere to be managed.
     */
    function isRequestManaged(call: TSESTree.CallExpression): boolean {
      let current: TSESTree.Node = climbWrappers(call);
      for (;;) {
        const parent = current.parent;
        if (!parent) return false;
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
          const method = getStaticPropertyName(parent);
          const chained = parent.parent;
          if (chained.type !== AST_NODE_TYPES.CallExpression || chained.callee !== parent) return true;
          if (method === 'setTimeout' || isTimeoutListener(chained, method)) return true;
          if (method === null || !REQUEST_CHAIN_METHODS.has(method)) return false;
          current = climbWrappers(chained);
          continue;
        }
        if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
        if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
          const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
          return !variable || variable.references.some((reference) => !reference.init && isManagingUse(reference.identifier));
        }
        // Returned, passed on, stored: someone else may give it a deadline.
        return true;
      }
    }

    function isManagingUse(id: TSESTree.Node): boolean {
      const outer = climbWrappers(id);
      const parent = outer.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
        const method = getStaticPropertyName(parent);
        const call = parent.parent;
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
        if (method === 'setTimeout' || isTimeoutListener(call, method)) return true;
        // `setTimeout(() => req.destroy(), ms)`: a hand-made deadline.
        return (method === 'destroy' || method === 'abort') && isInsideTimerCallback(call);
      }
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
      // Passed to a function, returned, stored in an object: managed elsewhere.
      return true;
    }

    /** The options argument and what it says about a deadline. */
    function locateOptions(call: TSESTree.CallExpression, api: RequestApi): OptionsPlace {
      const args = call.arguments;
      if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'covered' };
      let index = api.optionsIndex;
      if (api.optionsMayComeFirst) {
        const first = skipExpressionWrappers(args[0] as TSESTree.Expression);
        if (first.type === AST_NODE_TYPES.ObjectExpression) index = 0;
        else if (!isUrlLike(first)) return classify(first, api, args[0] as TSESTree.Expression);
      }
      const argument = args[index];
      if (!argument || isUndefined(argument)) return missingPlace(call, index);
      const value = skipExpressionWrappers(argument as TSESTree.Expression);
      if (api.callbackLast && isFunctionNode(value)) {
        return { kind: 'missing', insert: (fixer, text) => fixer.insertTextBefore(argument, `${text}, `) };
      }
      return classify(value, api, argument as TSESTree.Expression);
    }

    function classify(value: TSESTree.Expression, api: RequestApi, written: TSESTree.Expression): OptionsPlace {
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        const verdict = judgeOptions(value, api.deadlineKeys);
        if (verdict === 'mayHave') return { kind: 'covered' };
        if (verdict === 'lacks') return { kind: 'literal', node: value };
        return { kind: 'opaque', node: written, verdict: 'unknown', literal: value };
      }
      const verdict = judgeOptions(value, api.deadlineKeys);
      if (verdict === 'mayHave') return { kind: 'covered' };
      return { kind: 'opaque', node: written, verdict };
    }

    function missingPlace(call: TSESTree.CallExpression, index: number): OptionsPlace {
      const args = call.arguments;
      const existing = args[index];
      if (existing) return { kind: 'missing', insert: (fixer, text) => fixer.replaceText(existing, text) };
      const fill = Array.from({ length: index - args.length }, () => 'undefined');
      const last = args.at(-1)!;
      return { kind: 'missing', insert: (fixer, text) => fixer.insertTextAfter(last, [',', ...fill.map((f) => ` ${f},`), ` ${text}`].join('')) };
    }

    /**
     * Whether an options expression carries one of the keys: written in a literal (`mayHave`), absent from a
     * literal whose spreads all lack it (`lacks`), or for anything else what the same-file `const` or the
     * checker says (an optional property counts as possibly present).
     */
    function judgeOptions(raw: TSESTree.Node, keys: ReadonlySet<string>, depth = 0): Verdict {
      if (raw.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
      const node = skipExpressionWrappers(raw as TSESTree.Expression);
      if (node.type === AST_NODE_TYPES.ObjectExpression) {
        let verdict: Verdict = 'lacks';
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            const spread = depth > 3 ? 'unknown' : judgeOptions(property.argument, keys, depth + 1);
            if (spread === 'mayHave') return 'mayHave';
            if (spread === 'unknown') verdict = 'unknown';
            continue;
          }
          if (property.computed && property.key.type !== AST_NODE_TYPES.Literal) return 'mayHave';
          const key = getKeyName(property.key);
          if (key === null || keys.has(key)) return 'mayHave';
        }
        return verdict;
      }
      if (node.type === AST_NODE_TYPES.Identifier && depth <= 3) {
        const init = getConstObjectInit(node);
        if (init) return judgeOptions(init, keys, depth + 1);
      }
      return services ? judgeByType(services, node, keys) : 'unknown';
    }

    /** `const init = { method: 'POST' }` used only where it is read whole or passed on: its literal. */
    function getConstObjectInit(id: TSESTree.Identifier): TSESTree.ObjectExpression | null {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
      if (def.node.id.typeAnnotation) return null;
      const init = def.node.init && skipExpressionWrappers(def.node.init);
      if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const untouched = variable.references.every((reference) => reference.init === true || isPlainRead(reference.identifier));
      return untouched ? init : null;
    }

    function deadlineProperty(call: TSESTree.CallExpression, api: RequestApi): string {
      if (api.remedy === 'timeout') return `timeout: ${timeoutMs}`;
      if (api.remedy === 'timeoutObject') return `timeout: { request: ${timeoutMs} }`;
      const timeout = `AbortSignal.timeout(${timeoutMs})`;
      const callerSignal = getCallerSignalFinder(context).reachableSignal(call);
      if (!callerSignal) return `signal: ${timeout}`;
      const combined = `AbortSignal.any([${callerSignal.text}, ${timeout}])`;
      return callerSignal.optional ? `signal: ${callerSignal.text} ? ${combined} : ${timeout}` : `signal: ${combined}`;
    }

    function remedyHint(api: RequestApi): string {
      if (api.remedy === 'timeout') return `timeout: ${timeoutMs}`;
      if (api.remedy === 'timeoutObject') return `timeout: { request: ${timeoutMs} }`;
      return `signal: AbortSignal.timeout(${timeoutMs})`;
    }

    /** Adds the property after the last one; on a multi-line object, on a line of its own after any trailing comment. */
    function addProperty(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, property: string): TSESLint.RuleFix[] {
      const last = object.properties.at(-1);
      if (!last) return [fixer.replaceText(object, `{ ${property} }`)];
      const open = sourceCode.getFirstToken(object)!;
      if (last.loc.start.line === open.loc.start.line) return [fixer.insertTextAfter(last, `, ${property}`)];
      const after = sourceCode.getTokenAfter(last);
      const hasComma = after !== null && after.value === ',' && after.type === AST_TOKEN_TYPES.Punctuator;
      let anchor: TSESTree.Node | TSESTree.Token = hasComma ? after : last;
      for (let next = sourceCode.getTokenAfter(anchor, { includeComments: true }); next && next.loc.start.line === anchor.loc.end.line && ASTUtils.isCommentToken(next); next = sourceCode.getTokenAfter(next, { includeComments: true })) {
        anchor = next;
      }
      const indent = /^\s*/u.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')![0];
      const fixes = [fixer.insertTextAfterRange(anchor.range, `\n${indent}${property}${hasComma ? ',' : ''}`)];
      if (!hasComma) fixes.unshift(fixer.insertTextAfter(last, ','));
      return fixes;
    }
  },
});


function isThisMember(node: TSESTree.Expression): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression;
}

/** `req.on('timeout', …)` or `req.on('socket', (s) => s.setTimeout(…))`. */
function isTimeoutListener(call: TSESTree.CallExpression, method: string | null): boolean {
  if (method !== 'on' && method !== 'once' && method !== 'prependListener') return false;
  const event = call.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && (event.value === 'timeout' || event.value === 'socket');
}

function isInsideTimerCallback(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current) {
      const callee = skipExpressionWrappers(parent.callee);
      const name = getSimpleName(callee);
      if (name === 'setTimeout') return true;
    }
  }
  return false;
}

/** Whether the checker types the value as a `Request`; null when it cannot tell (`any`, or it throws). */
function isRequestTyped(services: TypeServices, node: TSESTree.Node): boolean | null {
  try {
    const type = services.getType(node);
    if (isVagueType(type)) return null;
    return unionConstituents(type).some((part) => (part.getSymbol() ?? part.aliasSymbol)?.getName() === 'Request');
  } catch {
    return null;
  }
}

/** `fetch(url, undefined)`: the same as no options. */
function isUndefined(node: TSESTree.CallExpressionArgument): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
}

/**
 * A first argument that is a URL rather than an options object: a string, a template, a concatenation,
 * `new URL(…)`, or a name that says so (`url`, `endpoint`, `href`).
 */
function isUrlLike(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+';
    case AST_NODE_TYPES.NewExpression:
      return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'URL';
    default: {
      const name = getSimpleName(node);
      return name !== null && /(?:url|uri|href|endpoint|link)$/iu.test(name);
    }
  }
}

/** A read that can neither add a key to the object nor hand it to code that might. */
function isPlainRead(id: TSESTree.Node): boolean {
  const outer = climbWrappers(id);
  const parent = outer.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.SpreadElement) return true;
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === outer) return false;
    const name = getSimpleName(skipExpressionWrappers(parent.callee));
    return name !== 'assign' && name !== 'merge' && name !== 'defineProperty' && name !== 'set';
  }
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
    const user = parent.parent;
    if (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) return false;
    if (user.type === AST_NODE_TYPES.UpdateExpression) return false;
    if (user.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete') return false;
    return true;
  }
  return false;
}

/**
 * What the checker says about the keys on an options value; `any`, type parameters and index signatures
 * say nothing. A checker that throws on a pathological type says nothing either.
 */
function judgeByType(services: TypeServices, node: TSESTree.Node, keys: ReadonlySet<string>): Verdict {
  try {
    return judgeTypeKeys(services.checker, services.getType(node), keys);
  } catch {
    return 'unknown';
  }
}

function judgeTypeKeys(checker: ts.TypeChecker, type: ts.Type, keys: ReadonlySet<string>): Verdict {
  const { TypeFlags } = loadTypeScript();
  let sawObject = false;
  for (const part of unionConstituents(type)) {
    if (isVagueType(part)) return 'unknown';
    if (isIntrinsicUndefinedType(part) || isIntrinsicNullType(part) || isIntrinsicVoidType(part)) continue;
    if (!(part.flags & (TypeFlags.Object | TypeFlags.Intersection))) return 'unknown';
    const apparent = checker.getApparentType(part);
    if (checker.getIndexInfosOfType(apparent).length > 0) return 'mayHave';
    for (const key of keys) if (checker.getPropertyOfType(apparent, key)) return 'mayHave';
    sawObject = true;
  }
  return sawObject ? 'lacks' : 'unknown';
}
