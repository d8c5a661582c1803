import type { TSESLint } from '@typescript-eslint/utils';

/**
 * What a file's text spells, asked by every rule's file-level bail-out (issue 12 §4: a file that never
 * names what a rule looks for is skipped before any analysis). Each answer is read once per file and
 * shared by all rules: a name that is missing costs a scan of the whole text, and several rules and
 * catalogues ask about the same names (`fetch`, `process`, `setTimeout`, `signal`).
 */
interface TextFacts {
  substrings: Map<string, boolean>;
  words: Map<string, boolean>;
  patterns: Map<RegExp, boolean>;
}

// One entry per file for all three kinds of question: a cache entry costs more than most look-ups. Only a
// WeakMap keyed by the SourceCode: oxlint hands every file the same SourceCode object and resets WeakMaps
// between files, so a cache of any other kind would answer for the previous file.
const facts = new WeakMap<TSESLint.SourceCode, TextFacts>();

function getFacts(sourceCode: TSESLint.SourceCode): TextFacts {
  let found = facts.get(sourceCode);
  if (!found) facts.set(sourceCode, (found = { substrings: new Map(), words: new Map(), patterns: new Map() }));
  return found;
}

/** Whether the text contains `name` anywhere (inside a longer word, a string or a comment too). */
export function textIncludes(sourceCode: TSESLint.SourceCode, name: string): boolean {
  const known = getFacts(sourceCode).substrings;
  let answer = known.get(name);
  if (answer === undefined) known.set(name, (answer = sourceCode.text.includes(name)));
  return answer;
}

/**
 * Whether the text has `word` as a whole word: what `/\bword\b/u` answers (a word character is an
 * ASCII letter, digit or `_`), found with `indexOf` rather than a regular expression, which tests
 * every position of the text for a word boundary.
 */
export function textHasWord(sourceCode: TSESLint.SourceCode, word: string): boolean {
  const found = getFacts(sourceCode);
  let answer = found.words.get(word);
  if (answer === undefined) {
    // The word's first occurrence also answers `textIncludes` for it, and a text known not to contain it
    // has no such word: the two questions share one scan (several bail-outs ask both about `setTimeout`).
    const text = sourceCode.text;
    const first = found.substrings.get(word) === false ? -1 : text.indexOf(word);
    found.substrings.set(word, first !== -1);
    answer = first !== -1 && hasWordFrom(text, word, first);
    found.words.set(word, answer);
  }
  return answer;
}

/** Whether the text matches `pattern` (a module-level constant without the `g` or `y` flag). */
export function textMatches(sourceCode: TSESLint.SourceCode, pattern: RegExp): boolean {
  const known = getFacts(sourceCode).patterns;
  let answer = known.get(pattern);
  if (answer === undefined) known.set(pattern, (answer = pattern.test(sourceCode.text)));
  return answer;
}

/** `textHasWord` for a text that is not the linted file's (a module read from disk): not cached. */
export function hasWord(text: string, word: string): boolean {
  return hasWordFrom(text, word, text.indexOf(word));
}

/** `hasWord`, given where `word` first occurs in `text` (-1 for nowhere). */
function hasWordFrom(text: string, word: string, first: number): boolean {
  for (let at = first; at !== -1; at = text.indexOf(word, at + 1)) {
    if ((at === 0 || !isWordCharacter(text.charCodeAt(at - 1))) && !isWordCharacter(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** `\w` of a regular expression without the `i` flag: ASCII letters, digits and `_` (NaN past the end is none). */
export function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
