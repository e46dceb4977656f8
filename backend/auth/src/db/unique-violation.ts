import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** Runs SQL and returns its rows, also for UPDATE/DELETE … RETURNING (TypeORM wraps those as [rows, count]). */
export async function queryRows<T>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const raw: unknown = await db.query(sql, params);
  if (!Array.isArray(raw)) return [];
  if (raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}

/** PostgreSQL unique_violation. */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code =
    (err as QueryFailedError & { code?: string }).code ??
    (err.driverError as { code?: string } | undefined)?.code;
  return code === '23505';
}
