/**
 * The scenario format as a JSON Schema, generated from the zod schema (schema.ts), never written by
 * hand: editors that speak the YAML language server (VS Code's YAML extension, and others) use it
 * for completion, hover text and inline errors through the `# yaml-language-server: $schema=…`
 * line at the top of each scenario.
 *
 * It is the *input* shape (durations as "90m" or minutes, defaults optional). What JSON Schema
 * cannot say (references between ids, impossible times, refinements, framework ids) only
 * `firebreak validate` checks: it stays the authority.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

/** Where the schema sits beside the built-in scenarios, and what their first line points at. */
export const SCHEMA_FILE = 'scenario.schema.json';
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=./${SCHEMA_FILE}`;

export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: 'https://firebreak.invalid/scenario.schema.json',
    title: 'Firebreak scenario',
    description: 'A Firebreak tabletop-exercise scenario (format 2). Generated from shared/scenario/schema.ts; `firebreak validate` is the authority.',
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

/** The file as shipped: stable key order, two-space indent, a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
