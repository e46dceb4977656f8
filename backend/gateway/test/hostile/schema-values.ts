import { randomUUID } from 'node:crypto';
import { OpenApiDocument, OpenApiSchema, resolveSchema } from './openapi';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A value the schema accepts. Ids are uuids of nothing and e-mail addresses are new, so a request built from
 * these values that the server accepts changes nothing that exists. Optional objects and arrays are filled
 * in too: an order with its `items` names a product that does not exist, while one without would order the
 * whole cart.
 */
export function sampleValue(doc: OpenApiDocument, schema: OpenApiSchema | undefined, name = ''): unknown {
  const s = resolveSchema(doc, schema);
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email' || /email/i.test(name)) return `sweep-${randomUUID().slice(0, 8)}@example.com`;
      if (typeof s.example === 'string') return s.example;
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      if (typeof s.example === 'number') return s.example;
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [sampleValue(doc, s.items, name)];
    default: {
      if (!s.properties) return {};
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties)) {
        const resolved = resolveSchema(doc, prop);
        const structured = resolved.type === 'array' || resolved.type === 'object' || !!resolved.properties;
        if (s.required?.includes(key) || structured) out[key] = sampleValue(doc, prop, key);
      }
      return out;
    }
  }
}

/** True when `value` breaks the schema (type, range, length, format, enum, required or unknown fields). */
export function violatesSchema(
  doc: OpenApiDocument,
  schema: OpenApiSchema | undefined,
  value: unknown,
): boolean {
  const s = resolveSchema(doc, schema);
  if (value === null || value === undefined) return true;
  if (s.enum?.length) return !s.enum.includes(value);
  switch (s.type) {
    case 'string':
      return (
        typeof value !== 'string' ||
        (s.maxLength !== undefined && value.length > s.maxLength) ||
        (s.minLength !== undefined && value.length < s.minLength) ||
        (s.format === 'uuid' && !UUID.test(value)) ||
        (s.format === 'email' && !EMAIL.test(value))
      );
    case 'integer':
    case 'number':
      return (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (s.type === 'integer' && !Number.isInteger(value)) ||
        (s.minimum !== undefined && value < s.minimum) ||
        (s.maximum !== undefined && value > s.maximum)
      );
    case 'boolean':
      return typeof value !== 'boolean';
    case 'array':
      return (
        !Array.isArray(value) ||
        (s.minItems !== undefined && value.length < s.minItems) ||
        (s.maxItems !== undefined && value.length > s.maxItems) ||
        value.some((item) => violatesSchema(doc, s.items, item))
      );
    default: {
      if (!s.properties) return false;
      if (typeof value !== 'object' || Array.isArray(value)) return true;
      const record = value as Record<string, unknown>;
      if ((s.required ?? []).some((key) => !(key in record))) return true;
      return Object.entries(record).some(([key, v]) =>
        s.properties![key] ? violatesSchema(doc, s.properties![key], v) : true,
      );
    }
  }
}

/** True when a query or path value (as the server decodes it) breaks a scalar schema. */
export function violatesScalar(
  doc: OpenApiDocument,
  schema: OpenApiSchema | undefined,
  raw: string,
): boolean {
  const s = resolveSchema(doc, schema);
  if (s.type === 'integer' || s.type === 'number') {
    const n = raw.trim() === '' ? NaN : Number(raw);
    return violatesSchema(doc, s, n);
  }
  if (s.type === 'boolean') return raw !== 'true' && raw !== 'false';
  return violatesSchema(doc, s, raw);
}
