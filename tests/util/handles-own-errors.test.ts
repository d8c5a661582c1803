import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { describe, expect, it } from 'vitest';

import { functionHandlesOwnErrors, textMayHandleOwnErrors } from '../../src/util/handles-own-errors.js';
import { plainTester } from '../rule-tester.js';

// A probe rule: reports every function that handles its own errors (whole body one try whose catch
// does not rethrow), so these cases pin down what the shared predicate accepts.
const probe = createRule<[], 'handles'>({
  name: 'probe-handles-own-errors',
  meta: {
    type: 'problem',
    docs: { description: 'Marks functions that handle their own errors', requiresTypeChecking: false, usesTypeInformation: false },
    messages: { handles: 'handles' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const check = (node: TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression): void => {
      if (functionHandlesOwnErrors(node)) context.report({ node, messageId: 'handles' });
    };
    return { ArrowFunctionExpression: check, FunctionDeclaration: check, FunctionExpression: check };
  },
});

const handles = [{ messageId: 'handles' as const }];

plainTester.run('functionHandlesOwnErrors', probe, {
  valid: [
    // Not the whole body, no catch, or a catch that rethrows.
    'async function f() { await a(); try { await b(); } catch (error) { log(error); } }',
    'async function f() { try { await a(); } finally { done(); } }',
    'async function f() { try { await a(); } catch (error) { log(error); throw error; } }',
    'async function f() { try { await a(); } catch (error) { if (fatal(error)) throw error; } }',
    'async function f() { try { await a(); } catch (error) { return Promise.reject(error); } }',
    'const f = async () => a();',
    // A fallback that rethrows, and a recursion with nothing that handles anything.
    'async function f() { const v = await a().catch((error) => { throw error; }); return v; }',
    'async function f(n) { return f(n + 1); }',
  ],
  invalid: [
    { code: 'async function f() { try { await a(); } catch (error) { log(error); } }', errors: handles },
    { code: 'async function f() { try { await a(); } catch {} }', errors: handles },
    // A throw caught again inside the catch, or thrown later by a nested function, does not escape.
    { code: 'async function f() { try { await a(); } catch (error) { try { throw wrap(error); } catch (inner) { log(inner); } } }', errors: handles },
    { code: 'async function f() { try { await a(); } catch (error) { setTimeout(() => { throw error; }); } }', errors: handles },
    // An awaited chain whose handler swallows is as good as a swallowing try around the await.
    { code: 'async function f() { const v = await a().catch(() => null); return v; }', errors: handles },
  ],
});

// The text gate a module read from disk passes before it is parsed: it may only say no where no function
// of the module can handle its own errors.
describe('textMayHandleOwnErrors', () => {
  it('lets through every shape that handles its own errors', () => {
    for (const text of [
      'async function f() { try { await a(); } catch {} }',
      'const f = async () => a();',
      'function f() { return a().catch(log); }',
      'function f() { return a()\n  .catch(log); }',
      'function f() { return a()?.catch(log); }',
      "function f() { return a()['catch'](log); }",
      'function f() { return a()./* handled */catch(log); }',
      'function f() { return a().then(use, log); }',
      'const f = () => a().then(use, log);',
    ]) {
      expect(textMayHandleOwnErrors(text), text).toBe(true);
    }
  });
  it('says no for modules with no async function and no handled chain', () => {
    for (const text of [
      'export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }',
      'export function parse(text) { try { return JSON.parse(text); } catch (error) { return null; } }',
      'export function parse(text) { try { return JSON.parse(text); }\n  catch { return null; } }',
      'export const asyncOnly = 1; export const thenable = 2; export const catches = 3;',
    ]) {
      expect(textMayHandleOwnErrors(text), text).toBe(false);
    }
  });
});
