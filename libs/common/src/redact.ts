/** Query parameters whose values are credentials. */
const SECRET_PARAM = /([?&](?:access_token|refresh_token|refreshToken|token)=)[^&#\s"']*/gi;
/** A JSON Web Token anywhere in a text: three base64url parts, the first two JSON objects (`eyJ`). */
const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g;
/** `Bearer <anything>` as in an Authorization header. */
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
/** Field names whose values are never logged. */
const SECRET_KEY =
  /^(?:authorization|cookie|set-cookie|password|access_?token|refresh_?token|token|secret)$/i;

/**
 * The text with every credential it may carry replaced by `[redacted]`: `?access_token=` (and other token
 * parameters) of a URL, `Bearer …`, and anything shaped like a JWT. Cheap for the common case: texts
 * without a hint of a credential are returned as they are.
 */
export function redactSecrets(text: string): string {
  if (!/token|eyJ|bearer/i.test(text)) return text;
  return text
    .replace(SECRET_PARAM, '$1[redacted]')
    .replace(BEARER, '$1[redacted]')
    .replace(JWT, '[redacted]');
}

/**
 * A log record's data with credentials removed: values of secret-named fields, and credentials inside any
 * text (nested objects and arrays included, to a few levels).
 */
export function redactData(data: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data))
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactValue(value, depth);
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth >= 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) return redactSecrets(value.stack ?? value.message);
  return redactData(value as Record<string, unknown>, depth + 1);
}
