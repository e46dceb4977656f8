import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Helpers for `INSERT`/`UPDATE … RETURNING`: a statement that changes rows also reads them back, one round
 * trip to PostgreSQL instead of two (the write, then a SELECT).
 */

/** The columns a find selects (not those marked `select: false`), for a query builder's `returning(…)`. */
export function selectedColumns(m: EntityManager, target: EntityTarget<ObjectLiteral>): string[] {
  return m.connection
    .getMetadata(target)
    .columns.filter((c) => c.isSelect)
    .map((c) => c.propertyPath);
}

/**
 * Entities from the returned rows (a query builder's `raw` result), hydrated the way TypeORM hydrates a
 * SELECT: column names, types and transformers from the entity's metadata.
 */
export function returnedEntities<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  raw: unknown,
): T[] {
  const metadata = m.connection.getMetadata(target);
  const driver = m.connection.driver;
  return (raw as Record<string, unknown>[]).map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns)
      if (column.databaseName in row)
        column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  });
}
