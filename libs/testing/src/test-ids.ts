import { randomBytes } from 'node:crypto';

/** A subject prefix no other run uses, so a test never hears the running system or another test. */
export function uniquePrefix(): string {
  return `t_${randomBytes(4).toString('hex')}`;
}

/** A short random suffix for instance ids and database names. */
export function randomSuffix(bytes = 3): string {
  return randomBytes(bytes).toString('hex');
}
