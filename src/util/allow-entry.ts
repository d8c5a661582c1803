import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/**
 * The one entry shape every allow-list, limiter list and checker list of ours takes:
 * a plain name (`'logEvent'`, `'queue.add'`) or a module export (`{ from: 'pkg', name: 'track' }`).
 */
export type NamedEntry = string | { from: string; name: string };

export const namedEntrySchema: JSONSchema4 = {
  oneOf: [
    { type: 'string', minLength: 1, description: 'A function name, or a dotted member path such as `queue.add`.' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: { type: 'string', minLength: 1, description: 'The module the function is imported from.' },
        name: {
          type: 'string',
          minLength: 1,
          description: 'The export name (`default` for a default export), optionally followed by a member path.',
        },
      },
    },
  ],
};

export function namedEntryListSchema(description: string): JSONSchema4 {
  return { type: 'array', items: namedEntrySchema, uniqueItems: true, description };
}

/** Splits the entries into plain names and module exports, the two ways a callee is matched. */
export function partitionEntries(entries: readonly NamedEntry[]): {
  names: Set<string>;
  modules: { from: string; path: string[] }[];
} {
  const names = new Set<string>();
  const modules: { from: string; path: string[] }[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') names.add(entry);
    else modules.push({ from: stripNodePrefix(entry.from), path: entry.name.split('.') });
  }
  return { names, modules };
}

export function stripNodePrefix(moduleName: string): string {
  return moduleName.startsWith('node:') ? moduleName.slice(5) : moduleName;
}
