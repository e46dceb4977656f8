import { z } from 'zod';

/**
 * Small builders for environment-variable schemas (zod). Each reads the variable's text, checks it, gives the
 * typed value (a number, a boolean, a list…) and carries a description, so a schema is also the documentation
 * of its variables (`z.toJSONSchema(schema, { io: 'input' })` lists names, defaults, bounds and descriptions).
 * A variable set to an empty text counts as not set (see `loadConfig`).
 */

export interface IntBounds {
  min?: number;
  max?: number;
}

/** An integer, `min` to `max` (0 to Number.MAX_SAFE_INTEGER unless given). */
export function int(defaultValue: number, description: string, bounds: IntBounds = {}) {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  return integer(`must be an integer from ${min} to ${max}`, min, max)
    .default(defaultValue)
    .meta({ description });
}

/** An integer, `min` to `max`, without a default: undefined when not set. */
export function optionalInt(description: string, bounds: IntBounds = {}) {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  return integer(`must be an integer from ${min} to ${max}`, min, max).optional().meta({ description });
}

/** A duration in milliseconds, `min` to `max` (0 to 24 hours unless given). */
export function ms(defaultValue: number, description: string, bounds: IntBounds = {}) {
  const { min = 0, max = 24 * 3_600_000 } = bounds;
  return integer(`must be a whole number of milliseconds from ${min} to ${max}`, min, max)
    .default(defaultValue)
    .meta({ description });
}

/** A TCP port, 0 to 65535 (0: the system picks a free one). */
export function port(defaultValue: number, description: string) {
  return integer('must be a port number from 0 to 65535', 0, 65_535)
    .default(defaultValue)
    .meta({ description });
}

/** The one way a boolean variable is written: true/false, 1/0, yes/no or on/off (any case). */
export const FLAG_WORDS = { truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] };

/** A boolean, written as FLAG_WORDS says. */
export function flag(defaultValue: boolean, description: string) {
  return z
    .stringbool({ ...FLAG_WORDS, error: 'must be true or false (or 1/0, yes/no, on/off)' })
    .prefault(String(defaultValue))
    .meta({ description });
}

/**
 * A comma-separated list (spaces around items ignored, empty items dropped); each item checked by `item`;
 * `defaultValue` (a list in the same form) when unset.
 */
export function list(description: string, item: z.ZodType<string, string> = z.string(), defaultValue = '') {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item))
    .prefault(defaultValue)
    .meta({ description });
}

/** A URL whose scheme is one of `protocols` (e.g. `['postgres', 'postgresql']`). */
export function url(defaultValue: string, description: string, protocols: string[]) {
  return urlOf(protocols).default(defaultValue).meta({ description });
}

/** A URL whose scheme is one of `protocols`, without a default: undefined when not set. */
export function optionalUrl(description: string, protocols: string[]) {
  return urlOf(protocols).optional().meta({ description });
}

/** Free text. */
export function text(defaultValue: string, description: string) {
  return z.string().default(defaultValue).meta({ description });
}

/** Free text without a default: undefined when not set. */
export function optionalText(description: string) {
  return z.string().optional().meta({ description });
}

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue: T[number],
  description: string,
) {
  return z
    .enum(values, { error: `must be one of: ${values.join(', ')}` })
    .default(defaultValue as never)
    .meta({ description });
}

function integer(message: string, min: number, max: number) {
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** A URL check for one or more schemes; also used for the items of a `list`. */
export function urlOf(protocols: string[]) {
  const schemes = protocols.map((p) => `${p}://`).join(' or ');
  return z.url({
    protocol: new RegExp(`^(?:${protocols.join('|')})$`),
    error: `must be a URL starting with ${schemes}`,
  });
}
