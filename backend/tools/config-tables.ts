import { z } from 'zod';
import { ConfigSchemaEntry } from './config-schemas';

export const CONFIG_START = '<!-- config:start -->';
export const CONFIG_END = '<!-- config:end -->';

/** One variable of a schema as its table shows it. */
export interface ConfigVariable {
  name: string;
  /** The default as it would be written in the environment; undefined when the variable has none. */
  defaultValue?: string;
  description: string;
}

interface JsonSchemaProperty {
  default?: unknown;
  description?: string;
  enum?: unknown[];
}

/**
 * The variables a schema declares beyond the ones it inherits, in declaration order, read from the schema's
 * JSON Schema (input side: the text an environment gives, with its default and description).
 */
export function configVariables(entry: ConfigSchemaEntry): ConfigVariable[] {
  const inherited = new Set((entry.inherits ?? []).flatMap((s) => Object.keys(s.shape)));
  const json = z.toJSONSchema(entry.schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchemaProperty>;
  };
  return Object.keys(entry.schema.shape)
    .filter((name) => !inherited.has(name))
    .map((name) => {
      const property = json.properties?.[name] ?? {};
      if (!property.description)
        throw new Error(`${entry.source}: ${name} has no description (give it one in the schema)`);
      const values = property.enum
        ? ` (one of ${property.enum.map((v) => `\`${String(v)}\``).join(', ')})`
        : '';
      return {
        name,
        defaultValue:
          property.default === undefined || property.default === '' ? undefined : String(property.default),
        description: `${property.description}${values}`,
      };
    });
}

/** The Markdown that goes between the README's markers: one table per schema. */
export function renderConfigTables(entries: ConfigSchemaEntry[]): string {
  const sections = entries.map((entry) => {
    const rows = configVariables(entry).map(
      (v) =>
        `| \`${v.name}\` | ${v.defaultValue === undefined ? '—' : `\`${v.defaultValue}\``} | ${escapeCell(v.description)} |`,
    );
    return [
      `### ${entry.title}`,
      '',
      `Declared in [${entry.source}](${entry.source}).`,
      '',
      '| variable | default | description |',
      '|---|---|---|',
      ...rows,
    ].join('\n');
  });
  return [
    '<!-- Generated from the configuration schemas by `npm run docs:config`; change the schemas, not these tables. -->',
    '',
    sections.join('\n\n'),
  ].join('\n');
}

/** `document` with the text between its config markers replaced by `tables`. */
export function replaceConfigTables(document: string, tables: string): string {
  const start = document.indexOf(CONFIG_START);
  const end = document.indexOf(CONFIG_END);
  if (start < 0 || end < start)
    throw new Error(`the document has no ${CONFIG_START} … ${CONFIG_END} block for the configuration tables`);
  return `${document.slice(0, start + CONFIG_START.length)}\n${tables}\n${document.slice(end)}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
