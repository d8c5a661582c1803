/*
 * `--format sarif`: ESLint results as a SARIF 2.1.0 log, the format GitHub code scanning uploads.
 * Our own rather than @microsoft/eslint-formatter-sarif: that package depends on ESLint 8, which put a
 * second, deprecated ESLint (and its deprecation warnings) into every project that installed the plugin,
 * for a format that is a few fixed JSON shapes.
 */
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

import { PACKAGE_NAME, VERSION } from '../package-info.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = `https://github.com/async-pitfalls/${PACKAGE_NAME}#readme`;

type Level = 'error' | 'warning' | 'note';

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; index: number }; region?: SarifRegion };
}

interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
  suppressions?: { kind: 'inSource'; justification?: string }[];
}

interface SarifNotification {
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
}

interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
}

/** Has the shape of an ESLint formatter, `(results, context) => string`. */
export function formatSarif(results: ESLint.LintResult[], context?: ESLint.LintResultData): string {
  const rules = new RuleTable(context?.rulesMeta ?? {});
  const artifacts: { location: { uri: string } }[] = [];
  const sarifResults: SarifResult[] = [];
  const notifications: SarifNotification[] = [];

  for (const result of results) {
    const messages = result.messages;
    const suppressed = result.suppressedMessages ?? [];
    if (messages.length === 0 && suppressed.length === 0) continue;
    const uri = pathToFileURL(result.filePath).href;
    const index = artifacts.push({ location: { uri } }) - 1;
    for (const message of messages) {
      if (message.fatal) notifications.push(toNotification(message, uri, index));
      else sarifResults.push(toResult(message, uri, index, rules));
    }
    for (const message of suppressed) {
      const justification = message.suppressions.map((suppression) => suppression.justification).filter(Boolean).join('; ');
      sarifResults.push({ ...toResult(message, uri, index, rules), suppressions: [{ kind: 'inSource', ...(justification ? { justification } : {}) }] });
    }
  }

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'async-pitfalls', informationUri: INFORMATION_URI, version: VERSION, semanticVersion: VERSION, rules: rules.list } },
        artifacts,
        results: sarifResults,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** The rules a log mentions, each once, in first-seen order, so results can point at them by index. */
class RuleTable {
  readonly list: SarifRule[] = [];
  readonly #indexById = new Map<string, number>();

  constructor(private readonly meta: Record<string, { docs?: { description?: string; url?: string } } | undefined>) {}

  indexOf(id: string): number {
    let index = this.#indexById.get(id);
    if (index === undefined) {
      const docs = this.meta[id]?.docs;
      index = this.list.push({ id, ...(docs?.description ? { shortDescription: { text: docs.description } } : {}), ...(docs?.url ? { helpUri: docs.url } : {}) }) - 1;
      this.#indexById.set(id, index);
    }
    return index;
  }
}

function toResult(message: Linter.LintMessage, uri: string, index: number, rules: RuleTable): SarifResult {
  const rule = message.ruleId ? { ruleId: message.ruleId, ruleIndex: rules.indexOf(message.ruleId) } : {};
  return { ...rule, level: levelOf(message), message: { text: message.message }, locations: [locationOf(message, uri, index)] };
}

/** A file ESLint could not parse: the run did not do its job there, which SARIF records on the invocation. */
function toNotification(message: Linter.LintMessage, uri: string, index: number): SarifNotification {
  return { level: 'error', message: { text: message.message }, locations: [locationOf(message, uri, index)] };
}

function levelOf(message: Linter.LintMessage): Level {
  return message.severity === 2 ? 'error' : 'warning';
}

function locationOf(message: Linter.LintMessage, uri: string, index: number): SarifLocation {
  const artifactLocation = { uri, index };
  // ESLint reports line 0 for problems about the whole file (an unused directive in a config, for example).
  if (!message.line) return { physicalLocation: { artifactLocation } };
  const region: SarifRegion = { startLine: message.line, startColumn: message.column || 1 };
  if (message.endLine) region.endLine = message.endLine;
  if (message.endColumn) region.endColumn = message.endColumn;
  return { physicalLocation: { artifactLocation, region } };
}
