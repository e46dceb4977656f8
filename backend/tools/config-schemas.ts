import { z } from 'zod';
import { instanceEnv, jwtSecretEnv } from '@shop/common';

/** One configuration schema as the README documents it: a table of its variables. */
export interface ConfigSchemaEntry {
  /** Heading of its table: who reads these variables. */
  title: string;
  /** The file that declares the schema, relative to the repository (linked from the heading). */
  source: string;
  schema: z.ZodObject;
  /** Schemas this one extends: their variables are documented in their own tables, not repeated here. */
  inherits?: z.ZodObject[];
}

/**
 * Every configuration schema, in the order of the README's tables. A service's schema
 * (`backend/<svc>/src/config/<svc>.env.ts`) is added here with `inherits: [instanceEnv]` (and
 * `z.object(jwtSecretEnv)` for auth and the gateway); then `npm run docs:config` rewrites the tables.
 */
export const CONFIG_SCHEMAS: ConfigSchemaEntry[] = [
  {
    title: 'Every instance',
    source: 'libs/common/src/config/instance.env.ts',
    schema: instanceEnv,
  },
  {
    title: 'Services that sign or verify access tokens (auth, gateway)',
    source: 'libs/common/src/config/instance.env.ts',
    schema: z.object(jwtSecretEnv),
  },
];
