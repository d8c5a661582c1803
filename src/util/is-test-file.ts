/**
 * Whether a file is a test by the common conventions: `*.test.ts`, `*.spec.js`, or a file under a
 * `__tests__`, `__mocks__`, `test` or `tests` folder. Code there runs once per test, against objects that
 * live for one test.
 */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(filename.split('\\').join('/'));
}

const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|tests?)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/u;
