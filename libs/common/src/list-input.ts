import { DEFAULT_PAGE_SIZE, MAX_PAGE_NUMBER, MAX_PAGE_SIZE } from '@shop/contracts';
import { AppError } from './app-error';

export interface PageWindow {
  page: number;
  pageSize: number;
  /** Rows to skip: (page - 1) × pageSize. */
  offset: number;
}

/**
 * The page of a list request, checked by the service itself (the gateway checks too, but a service does not
 * rely on its callers): `page` from 1 to MAX_PAGE_NUMBER, `pageSize` from 1 to `maxPageSize`.
 */
export function pageWindow(
  req: { page?: unknown; pageSize?: unknown } | undefined,
  maxPageSize = MAX_PAGE_SIZE,
  defaultPageSize = DEFAULT_PAGE_SIZE,
): PageWindow {
  const page = req?.page ?? 1;
  const pageSize = req?.pageSize ?? defaultPageSize;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > MAX_PAGE_NUMBER)
    throw AppError.badRequest(`page must be an integer from 1 to ${MAX_PAGE_NUMBER}`);
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize)
    throw AppError.badRequest(`pageSize must be an integer from 1 to ${maxPageSize}`);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * An optional text filter (search text, category…): a string of at most `maxLength` characters without NUL
 * characters (PostgreSQL text cannot hold them), trimmed; undefined when absent or blank.
 */
export function optionalText(name: string, value: unknown, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw AppError.badRequest(`${name} must be a string`);
  if (value.includes('\u0000')) throw AppError.badRequest(`${name} must not contain NUL characters`);
  if (value.length > maxLength) throw AppError.badRequest(`${name} must be at most ${maxLength} characters`);
  return value.trim() || undefined;
}
