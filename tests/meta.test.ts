import { existsSync, readdirSync, readFileSync } from 'node:fs';

import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { getConfigsOf, NAMESPACE } from '../src/configs.js';
import { rules } from '../src/rules.js';
import { getDocsUrl } from '../src/util/create-rule.js';

const root = new URL('../', import.meta.url);
const ruleFiles = readdirSync(new URL('rules/', root))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -3))
  .sort();
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string };

describe('plugin', () => {
  it('meta matches package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: NAMESPACE });
  });

  it('registers every file in rules/ under its file name, sorted', () => {
    expect(Object.keys(rules)).toEqual(ruleFiles);
    expect(plugin.rules).toBe(rules);
  });

  it.each(['recommended', 'strict', 'all'] as const)('configs.%s registers the plugin and holds exactly the rules its meta says', (name) => {
    const config = plugin.configs[name];
    expect(config.plugins?.[NAMESPACE]).toBe(plugin);
    const expected = Object.entries(rules)
      .filter(([, rule]) => getConfigsOf(rule).includes(name))
      .map(([id]) => `${NAMESPACE}/${id}`);
    expect(Object.keys(config.rules ?? {})).toEqual(expected);
    for (const level of Object.values(config.rules ?? {})) expect(level).toBe('error');
  });

  it('recommended ⊆ strict ⊆ all', () => {
    const keys = (name: 'recommended' | 'strict' | 'all') => Object.keys(plugin.configs[name].rules ?? {});
    expect(keys('strict')).toEqual(expect.arrayContaining(keys('recommended')));
    expect(keys('all')).toEqual(expect.arrayContaining(keys('strict')));
    expect(keys('all')).toHaveLength(Object.keys(rules).length);
  });
});

describe.each(Object.entries(rules))('rule %s', (id, rule) => {
  const { meta } = rule;

  it('has its doc, its test and its README row', () => {
    expect(existsSync(new URL(`docs/rules/${id}.md`, root)), 'docs/rules/<id>.md').toBe(true);
    expect(existsSync(new URL(`tests/rules/${id}.test.ts`, root)), 'tests/rules/<id>.test.ts').toBe(true);
    expect(readFileSync(new URL('README.md', root), 'utf8')).toContain(`[${id}](docs/rules/${id}.md)`);
  });

  it('has the docs URL, a one-line description and the type-information flags', () => {
    expect(meta.docs?.url).toBe(getDocsUrl(id));
    const description = meta.docs?.description ?? '';
    expect(description).toMatch(/^[A-Z][a-z]+ /);
    expect(description).not.toMatch(/\.$/);
    expect(description).not.toContain('\n');
    expect(meta.docs?.requiresTypeChecking).toBe(false);
    expect(typeof meta.docs?.usesTypeInformation).toBe('boolean');
    expect(['recommended', 'strict', undefined]).toContain(meta.docs?.recommended);
  });

  it('names messages in camelCase with one-sentence text', () => {
    for (const [messageId, text] of Object.entries(meta.messages)) {
      expect(messageId).toMatch(/^[a-z][a-zA-Z]+$/);
      expect(text.trim()).toBe(text);
    }
  });

  it('has a strict options schema with a description on every property, and defaults in meta', () => {
    const schema = meta.schema;
    expect(Array.isArray(schema)).toBe(true);
    const items = schema as JSONSchema4[];
    expect(items.length).toBeLessThanOrEqual(1);
    for (const item of items) expectStrict(item, `${id} options`);
    if (items.length > 0) expect(meta.defaultOptions, 'meta.defaultOptions').toBeDefined();
  });

  it('stops ESLint with a schema error naming a misspelled option', () => {
    if ((meta.schema as JSONSchema4[]).length === 0) return;
    const linter = new Linter({ configType: 'flat' });
    const config: Linter.Config = {
      plugins: { [NAMESPACE]: plugin as never },
      rules: { [`${NAMESPACE}/${id}`]: ['error', { notAnOption: true }] },
    };
    expect(() => linter.verify('x;', config)).toThrow(/notAnOption|additional properties/i);
  });
});

/** A JSON schema read loosely: the checks below only look at a few keywords. */
interface LooseSchema {
  type?: unknown;
  properties?: Record<string, LooseSchema & { description?: unknown }>;
  additionalProperties?: unknown;
  items?: LooseSchema | LooseSchema[];
  oneOf?: LooseSchema[];
  anyOf?: LooseSchema[];
}

/** Every object schema closes its properties, and every property says what it is for. */
function expectStrict(input: JSONSchema4, path: string): void {
  const schema = input as LooseSchema;
  if (schema.type === 'object' || schema.properties) {
    expect(schema.additionalProperties, `${path}: additionalProperties`).toBe(false);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      expect(typeof property.description === 'string' && property.description.length > 0, `${path}.${name}: description`).toBe(true);
      expectStrict(property as JSONSchema4, `${path}.${name}`);
    }
  }
  if (schema.items && !Array.isArray(schema.items)) expectStrict(schema.items as JSONSchema4, `${path}[]`);
  for (const alternative of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) expectStrict(alternative as JSONSchema4, path);
}
