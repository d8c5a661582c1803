import type * as ts from 'typescript';

import { stripNodePrefix } from './allow-entry.js';
import { loadTypeScript } from './typescript.js';

/**
 * The module a declaration belongs to: `fs` inside `declare module 'node:fs'`, else the package whose
 * `node_modules/(@types/)pkg/…` folder holds the file. The last `node_modules` counts, so a pnpm path
 * (`node_modules/.pnpm/x@1/node_modules/x/…`) names the package, and `@types/scope__name` is `@scope/name`.
 */
export function getDeclaringModule(declaration: ts.Node): string | null {
  const ts = loadTypeScript();
  for (let current: ts.Node | undefined = declaration; current; current = current.parent) {
    if (ts.isModuleDeclaration(current) && ts.isStringLiteral(current.name)) return stripNodePrefix(current.name.text);
  }
  const fileName = declaration.getSourceFile().fileName.replaceAll('\\', '/');
  const match = /\/node_modules\/(?:@types\/)?((?:@[^/]+\/)?[^/]+)\//.exec(fileName.slice(fileName.lastIndexOf('/node_modules/')));
  if (!match) return null;
  const name = match[1]!;
  return name.includes('__') ? `@${name.replace('__', '/')}` : name;
}
