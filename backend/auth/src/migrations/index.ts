import { CreateAuthTables1763940000000 } from './1763940000000-create-auth-tables';

/** Migrations of the auth service, in order. */
export const authMigrations = [CreateAuthTables1763940000000];
