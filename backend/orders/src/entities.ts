/**
 * Every TypeORM entity of the orders service (its schema "orders"). The service works with SQL through
 * the data source (row locks, SKIP LOCKED claims and CTEs are the point), so no entity classes are mapped;
 * the tables are defined by the migrations.
 */
export const ordersEntities = [];
