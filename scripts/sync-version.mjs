// `npm version` runs this (the `version` script) after bumping package.json: the plugin carries its version
// as a constant in src/package-info.ts, because it must load where there is no file system to read it from.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../src/package-info.ts', import.meta.url);
writeFileSync(file, readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`));
