import { getConfigsOf } from '../../src/configs.js';
import type { AsyncPitfallsRule } from '../../src/rules.js';

/**
 * The parts of the docs derived from each rule's meta (CONVENTIONS.md: meta is the single source of
 * truth): the README rules table and each doc page's header. `npm run docs` writes them; the
 * docs-sync test fails when a checked-in copy differs.
 */

export const RULES_LIST_BEGIN = '<!-- begin auto-generated rules list -->';
export const RULES_LIST_END = '<!-- end auto-generated rules list -->';
export const HEADER_BEGIN = '<!-- begin auto-generated rule header -->';
export const HEADER_END = '<!-- end auto-generated rule header -->';

const CONFIG_EMOJI = { recommended: '✅', strict: '🔒', all: '🌐' } as const;

export function renderRulesTable(rules: Record<string, AsyncPitfallsRule>): string {
  const lines = [
    `${CONFIG_EMOJI.recommended} in \`recommended\` · ${CONFIG_EMOJI.strict} in \`strict\` · 🔧 fixable with \`--fix\` · 💡 editor suggestions · 💭 sharper with type information (never required)`,
    '',
    '| Rule | What it catches | ✅ | 🔒 | 🔧 | 💡 | 💭 |',
    '| --- | --- | :-: | :-: | :-: | :-: | :-: |',
  ];
  for (const [id, rule] of Object.entries(rules)) {
    const configs = getConfigsOf(rule);
    const docs = rule.meta.docs;
    lines.push(
      `| [${id}](docs/rules/${id}.md) | ${docs?.description ?? ''} | ${configs.includes('recommended') ? '✅' : ''} | ${
        configs.includes('strict') ? '🔒' : ''
      } | ${rule.meta.fixable ? '🔧' : ''} | ${rule.meta.hasSuggestions ? '💡' : ''} | ${docs?.usesTypeInformation ? '💭' : ''} |`,
    );
  }
  return lines.join('\n');
}

export function renderRuleHeader(rule: AsyncPitfallsRule): string {
  const configs = getConfigsOf(rule);
  const docs = rule.meta.docs;
  const lines = [`📝 ${docs?.description ?? ''}.`, ''];
  const configNames = configs.map((name) => `${CONFIG_EMOJI[name]} \`${name}\``);
  lines.push(`💼 This rule is enabled in the ${joinWords(configNames)} ${configNames.length === 1 ? 'config' : 'configs'}.`, '');
  const fixable = Boolean(rule.meta.fixable);
  const suggests = Boolean(rule.meta.hasSuggestions);
  if (fixable && suggests) {
    lines.push('🔧💡 Some problems reported by this rule are fixed by `--fix`; others offer editor suggestions.', '');
  } else if (fixable) {
    lines.push('🔧 Problems reported by this rule can be fixed by `--fix`.', '');
  } else if (suggests) {
    lines.push('💡 Problems reported by this rule offer editor suggestions (no automatic `--fix`).', '');
  }
  lines.push(
    docs?.usesTypeInformation
      ? '💭 Works without type information; with it (`parserOptions.projectService`) it finds more.'
      : '💭 Does not need type information.',
  );
  return lines.join('\n');
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Replaces what stands between the two markers; throws when they are missing. */
export function replaceBetween(text: string, begin: string, end: string, content: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1 || stop < start) throw new Error(`markers ${begin} … ${end} not found`);
  return `${text.slice(0, start + begin.length)}\n\n${content}\n\n${text.slice(stop)}`;
}
