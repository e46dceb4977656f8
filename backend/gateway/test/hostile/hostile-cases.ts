import { randomUUID } from 'node:crypto';
import {
  HTTP_METHODS,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiSchema,
  isEventStream,
  resolveSchema,
} from './openapi';
import { sampleValue, violatesSchema, violatesScalar } from './schema-values';

/** One HTTP request of the sweep, ready to send (path with its encoded query string). */
export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HostileCase {
  /** What was made hostile and how, e.g. `body.quantity: 1e400`. */
  kind: string;
  /** A 400 must name one of these (the field or parameter; `body` for the body as a whole). */
  names: string[];
  /** The request breaks what the OpenAPI document declares: a 2xx answer is a failure. */
  mustRefuse: boolean;
  request: HostileRequest;
}

export interface SweptOperation {
  /** `POST /api/cart/items` */
  label: string;
  method: string;
  secured: boolean;
  eventStream: boolean;
  /** The operation with valid parameters (ids of nothing) and no hostile part. */
  baseline: HostileRequest;
  cases: HostileCase[];
}

interface Parts {
  pathParams: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Path values, as they go on the wire (already percent-encoded where needed). */
const PATH_VALUES: [string, string][] = [
  ['not a uuid', 'not-a-uuid'],
  ['uuid of nothing', randomUUID()],
  ['path traversal', '..%2f..%2fetc%2fpasswd'],
  ['encoded dots', '%2e%2e'],
  ['encoded slash', 'a%2Fb'],
  ['NUL byte', '%00'],
  ['malformed escape', '%ZZ'],
  ['huge string', 'x'.repeat(4000)],
  ['negative number', '-1'],
  ['-0', '-0'],
  ['huge number', '99999999999999999999999999'],
  ['1e400', '1e400'],
  ['NaN', 'NaN'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['emoji', '%F0%9F%92%A9'],
  ['SQL quote', "1'%20OR%20'1'%3D'1"],
];

/** Query values, percent-encoded. */
const QUERY_VALUES: [string, string][] = [
  ['wrong type', 'abc'],
  ['empty', ''],
  ['NUL byte', '%00'],
  ['huge string', 'x'.repeat(5000)],
  ['huge number', '99999999999999999999999999'],
  ['huge page number', '9999999999999999999999999999999999'],
  ['1e400', '1e400'],
  ['-0', '-0'],
  ['negative', '-1'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['fraction', '1.5'],
  ['hex', '0x10'],
  ['SQL quote', "'%20OR%201%3D1--"],
];

/** Raw JSON texts put in the place of one body field. */
const FIELD_VALUES: [string, string][] = [
  ['wrong type (string)', '"abc"'],
  ['empty string', '""'],
  ['wrong type (number)', '123'],
  ['negative', '-1'],
  ['-0', '-0'],
  ['fraction', '1.5'],
  ['1e400', '1e400'],
  ['huge number', '99999999999999999999999999'],
  ['"NaN"', '"NaN"'],
  ['wrong type (boolean)', 'true'],
  ['null', 'null'],
  ['wrong type (object)', '{}'],
  ['wrong type (array)', '[]'],
  ['huge string', JSON.stringify('x'.repeat(10_000))],
  ['NUL byte', '"a\\u0000b"'],
  ['path traversal', '"../../etc/passwd"'],
  ['prototype key inside', '{"__proto__":{"polluted":true}}'],
];

const HOSTILE_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
];

const PLACEHOLDER = '\u0001sweep-field\u0001';

/** Every operation of the document with the hostile requests its schema suggests. */
export function sweptOperations(doc: OpenApiDocument): SweptOperation[] {
  const out: SweptOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push(sweepOperation(doc, template, method.toUpperCase(), op));
    }
  }
  return out;
}

function sweepOperation(
  doc: OpenApiDocument,
  template: string,
  method: string,
  op: OpenApiOperation,
): SweptOperation {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query' && p.name !== 'access_token');
  const headerParams = params.filter((p) => p.in === 'header');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const bodyValue = bodySchema ? sampleValue(doc, bodySchema) : undefined;

  const base = (): Parts => ({
    pathParams: Object.fromEntries(pathParams.map((p) => [p.name, encodeURIComponent(sampleParam(doc, p))])),
    query: queryParams
      .filter((p) => p.required)
      .map((p) => `${p.name}=${encodeURIComponent(sampleParam(doc, p))}`)
      .join('&'),
    headers: {
      ...Object.fromEntries(headerParams.filter((p) => p.required).map((p) => [p.name, sampleParam(doc, p)])),
      ...(bodySchema ? { 'content-type': 'application/json' } : {}),
    },
    body: bodySchema ? JSON.stringify(bodyValue) : undefined,
  });
  const build = (parts: Parts): HostileRequest => {
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => parts.pathParams[name] ?? '');
    return {
      method,
      path: parts.query ? `${path}?${parts.query}` : path,
      headers: parts.headers,
      body: parts.body,
    };
  };
  const cases: HostileCase[] = [];
  const add = (kind: string, names: string[], mustRefuse: boolean, change: (p: Parts) => void) => {
    const parts = base();
    change(parts);
    cases.push({ kind, names, mustRefuse, request: build(parts) });
  };

  for (const param of pathParams) {
    for (const [label, raw] of PATH_VALUES) {
      add(`path ${param.name}: ${label}`, [param.name, safeDecode(raw)], false, (p) => {
        p.pathParams[param.name] = raw;
      });
    }
  }

  for (const param of queryParams) {
    const valid = encodeURIComponent(sampleParam(doc, param));
    const others = (p: Parts) => (p.query ? `&${p.query}` : '');
    for (const [label, raw] of QUERY_VALUES) {
      const mustRefuse = violatesScalar(doc, param.schema, safeDecode(raw));
      add(`query ${param.name}: ${label}`, [param.name], mustRefuse, (p) => {
        p.query = `${param.name}=${raw}${others(p)}`;
      });
    }
    const forms: [string, (name: string) => string][] = [
      ['repeated', (n) => `${n}=${valid}&${n}=${valid}`],
      ['as array', (n) => `${n}[]=${valid}`],
      ['as object', (n) => `${n}[a]=${valid}`],
      ['under __proto__', (n) => `__proto__[${n}]=${valid}`],
      ['under constructor.prototype', (n) => `constructor[prototype][${n}]=${valid}`],
    ];
    for (const [label, form] of forms) {
      add(`query ${param.name}: ${label}`, [param.name, '__proto__', 'constructor'], true, (p) => {
        p.query = `${form(param.name)}${others(p)}`;
      });
    }
  }
  if (queryParams.length > 0) {
    for (const name of ['unexpected', '__proto__', 'constructor']) {
      add(`query: unknown parameter ${name}`, [name], true, (p) => {
        p.query = `${name}=1${p.query ? `&${p.query}` : ''}`;
      });
    }
  }

  for (const param of headerParams) {
    if (param.required)
      add(`header ${param.name}: missing`, [param.name], true, (p) => {
        delete p.headers[param.name];
      });
    add(`header ${param.name}: huge`, [param.name], false, (p) => {
      p.headers[param.name] = 'x'.repeat(6000);
    });
    add(`header ${param.name}: empty`, [param.name], param.required === true, (p) => {
      p.headers[param.name] = '';
    });
  }

  if (bodySchema) addBodyCases(doc, bodySchema, bodyValue, add);

  return {
    label: `${method} ${template}`,
    method,
    // A `{}` requirement beside the bearer scheme means the token is optional.
    secured: (op.security ?? []).length > 0 && !(op.security ?? []).some((r) => Object.keys(r).length === 0),
    eventStream: isEventStream(op),
    baseline: build(base()),
    cases,
  };
}

type AddCase = (kind: string, names: string[], mustRefuse: boolean, change: (p: Parts) => void) => void;

function addBodyCases(doc: OpenApiDocument, schema: OpenApiSchema, value: unknown, add: AddCase): void {
  const json = JSON.stringify(value);
  const setBody = (text: string | Uint8Array, contentType?: string) => (p: Parts) => {
    p.body = text;
    if (contentType === undefined) delete p.headers['content-type'];
    else p.headers['content-type'] = contentType;
  };
  const names = ['body', 'JSON', 'Content-Type'];
  const whole: [string, string, string | undefined, string[]][] = [
    ['malformed JSON', json.slice(0, -1), 'application/json', names],
    ['empty body', '', 'application/json', names],
    ['array instead of object', '[]', 'application/json', names],
    ['array of the object', `[${json}]`, 'application/json', names],
    ['string instead of object', '"abc"', 'application/json', names],
    ['number instead of object', '1e400', 'application/json', names],
    ['null instead of object', 'null', 'application/json', names],
    ['boolean instead of object', 'true', 'application/json', names],
    ['extra field', withField(json, 'unexpected', '1'), 'application/json', ['unexpected']],
    ['__proto__ key', withField(json, '__proto__', '{"polluted":true}'), 'application/json', ['__proto__']],
    [
      'constructor.prototype key',
      withField(json, 'constructor', '{"prototype":{"polluted":true}}'),
      'application/json',
      ['constructor'],
    ],
    [
      'deep nesting',
      withField(json, 'deep', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`),
      'application/json',
      ['deep'],
    ],
    ['JSON with charset', json, 'application/json; charset=utf-8', names],
    ['no content type', json, undefined, names],
    ...HOSTILE_CONTENT_TYPES.map((type): [string, string, string, string[]] => [
      `content type ${type}`,
      json,
      type,
      names,
    ]),
  ];
  for (const [label, text, type, mention] of whole) {
    // The same JSON with its charset named is not hostile; every other variant is refused.
    add(`body: ${label}`, mention, label !== 'JSON with charset', setBody(text, type));
  }
  add(
    'body: not UTF-8',
    ['body', 'JSON'],
    true,
    setBody(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'),
  );

  for (const path of fieldsOf(doc, schema, value)) {
    const leaf = path[path.length - 1];
    const label = path.join('.');
    if (isRequired(doc, schema, path))
      add(
        `body.${label}: missing`,
        [leaf],
        true,
        setBody(JSON.stringify(replaceAt(value, path, undefined)), 'application/json'),
      );
    const values: [string, string][] = [
      ...FIELD_VALUES,
      [
        'array of the value',
        `[${JSON.stringify(getAt(value, path) ?? sampleValue(doc, parentSchema(doc, schema, path).properties?.[leaf], leaf))}]`,
      ],
    ];
    for (const [what, raw] of values) {
      const text = JSON.stringify(replaceAt(value, path, PLACEHOLDER)).replace(
        JSON.stringify(PLACEHOLDER),
        raw,
      );
      const mustRefuse =
        violatesSchema(doc, schema, JSON.parse(text) as unknown) || raw.includes('__proto__');
      const mention = raw.includes('__proto__') ? [leaf, '__proto__'] : [leaf];
      add(`body.${label}: ${what}`, mention, mustRefuse, setBody(text, 'application/json'));
    }
  }
}

/** The path of every field of the body, nested objects and the first array element included. */
function fieldsOf(
  doc: OpenApiDocument,
  schema: OpenApiSchema,
  value: unknown,
  prefix: string[] = [],
): string[][] {
  const s = resolveSchema(doc, schema);
  if (s.type === 'array') {
    return Array.isArray(value) && value.length > 0
      ? fieldsOf(doc, s.items ?? {}, value[0], [...prefix, '0'])
      : [];
  }
  if (!s.properties || typeof value !== 'object' || value === null) return [];
  const out: string[][] = [];
  for (const [key, prop] of Object.entries(s.properties)) {
    const path = [...prefix, key];
    out.push(path);
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined && prefix.length < 3) out.push(...fieldsOf(doc, prop, child, path));
  }
  return out;
}

/** The schema of the object that holds the field at `path`. */
function parentSchema(doc: OpenApiDocument, schema: OpenApiSchema, path: string[]): OpenApiSchema {
  let s = resolveSchema(doc, schema);
  for (const key of path.slice(0, -1))
    s = resolveSchema(doc, /^\d+$/.test(key) ? s.items : s.properties?.[key]);
  return s;
}

function isRequired(doc: OpenApiDocument, schema: OpenApiSchema, path: string[]): boolean {
  const leaf = path[path.length - 1];
  return (parentSchema(doc, schema, path).required ?? []).includes(leaf);
}

function getAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
}

/** A deep copy of `value` with the field at `path` replaced (or removed, for undefined). */
function replaceAt(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const leaf = path[path.length - 1];
  if (replacement === undefined) delete target[leaf];
  else target[leaf] = replacement;
  return copy;
}

/** The body text with one more top-level field (raw JSON, so `__proto__` stays a plain key). */
function withField(json: string, key: string, raw: string): string {
  return json === '{}' ? `{"${key}":${raw}}` : `{"${key}":${raw},${json.slice(1)}`;
}

function sampleParam(doc: OpenApiDocument, param: OpenApiParameter): string {
  if (param.in === 'header' && /idempotency/i.test(param.name)) return randomUUID();
  return String(sampleValue(doc, param.schema, param.name));
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
