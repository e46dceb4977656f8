import { CreateAuthTables1763940000000 } from './1763940000000-create-auth-tables';
import { TestShoppers1765200000000 } from './1765200000000-test-shoppers';

/** Migrations of the auth service, in order. */
export const authMigrations = [CreateAuthTables1763940000000, TestShoppers1765200000000];
