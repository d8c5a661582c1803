/*
 * The plugin's name and version, as constants: the plugin loads where there is no file system (a browser
 * bundle, a worker), so it does not read its package.json. `npm version` rewrites VERSION (the `version`
 * script in package.json) and tests/meta.test.ts checks that both agree.
 */
export const PACKAGE_NAME = 'eslint-plugin-async-pitfalls';
export const VERSION = '0.1.0';
