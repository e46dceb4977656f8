/** Migrations of the auth service, in order. */
export const authMigrations = [];
