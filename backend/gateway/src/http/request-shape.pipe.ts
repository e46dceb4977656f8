import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { AppError } from '@shop/common';

/** Keys that reach object prototypes when a value is merged into another object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** More problems than this in one request are not listed one by one. */
const MAX_LISTED = 10;

/**
 * What no DTO of this API allows, refused before validation with a message naming each place: a body that
 * is not a JSON object (no body at all is left to the DTO), null anywhere in a body (optional fields are omitted, never null), NUL characters
 * in any text (PostgreSQL text cannot hold them), keys that reach object prototypes, and a query parameter
 * given more than once. Runs before the ValidationPipe, which checks each DTO's own rules.
 */
export class RequestShapePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const problems: string[] = [];
    switch (metadata.type) {
      case 'body':
        // No body at all is left to the DTO: its required fields are named, an all-optional one passes.
        if (value === undefined) break;
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          throw AppError.badRequest(`The request body must be a JSON object, got ${describe(value)}`);
        inspect(value, '', problems);
        break;
      case 'query':
        if (metadata.data) inspectQueryValue(metadata.data, value, problems);
        else if (value && typeof value === 'object')
          for (const [key, v] of Object.entries(value)) inspectQueryValue(key, v, problems);
        break;
      case 'param':
        if (typeof value === 'string' && value.includes('\u0000'))
          problems.push(`${metadata.data ?? 'path parameter'} must not contain NUL characters`);
        break;
    }
    if (problems.length > 0) {
      const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
      throw AppError.badRequest(problems.slice(0, MAX_LISTED).join('; ') + more);
    }
    return value;
  }
}

function inspectQueryValue(name: string, value: unknown, problems: string[]): void {
  if (PROTOTYPE_KEYS.has(name)) problems.push(`property ${name} should not exist`);
  else if (Array.isArray(value)) problems.push(`query parameter ${name} must be given once`);
  else if (typeof value === 'string' && value.includes('\u0000'))
    problems.push(`${name} must not contain NUL characters`);
}

function inspect(value: unknown, path: string, problems: string[]): void {
  if (problems.length > MAX_LISTED) return;
  if (value === null) {
    problems.push(`${path} must not be null (leave an optional field out instead)`);
  } else if (typeof value === 'string') {
    if (value.includes('\u0000')) problems.push(`${path} must not contain NUL characters`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => inspect(item, path ? `${path}.${i}` : String(i), problems));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) problems.push(`property ${childPath} should not exist`);
      else inspect(child, childPath, problems);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
