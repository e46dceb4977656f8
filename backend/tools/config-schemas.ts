import { z } from 'zod';
import { databaseEnv, instanceEnv, jwtSecretEnv } from '@shop/common';
import { authEnv } from '../auth/src/config/auth.env';
import { cartEnv } from '../cart/src/config/cart.env';
import { clusterEnv } from '../cluster/src/config/cluster.env';
import { gatewayEnv } from '../gateway/src/config/gateway.env';
import { inventoryEnv } from '../inventory/src/config/inventory.env';
import { notificationEnv } from '../notification/src/config/notification.env';
import { smtpSinkEnv } from '../notification/src/config/smtp-sink.env';
import { ordersEnv } from '../orders/src/config/orders.env';
import { paymentEnv } from '../payment/src/config/payment.env';

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
  ...(
    [
      ['gateway', gatewayEnv],
      ['auth', authEnv],
      ['inventory', inventoryEnv],
      ['cart', cartEnv],
      ['orders', ordersEnv],
      ['payment', paymentEnv],
      ['notification', notificationEnv],
    ] as const
  ).map(([service, schema]) => ({
    title: service,
    source: `backend/${service}/src/config/${service}.env.ts`,
    schema,
    inherits: [instanceEnv, z.object(jwtSecretEnv)],
  })),
  {
    title: 'smtp-sink (the local SMTP sink)',
    source: 'backend/notification/src/config/smtp-sink.env.ts',
    schema: smtpSinkEnv,
    inherits: [databaseEnv],
  },
  {
    title: 'Local cluster (`npm start`)',
    source: 'backend/cluster/src/config/cluster.env.ts',
    schema: clusterEnv,
  },
];
