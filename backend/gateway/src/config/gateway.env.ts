import { z } from 'zod';
import { envVar, instanceEnv, jwtSecretEnv, jwtSecretRule } from '@shop/common';

const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i;
const UNIT = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** `100kb`, `1mb` or `2048` (bytes), as a number of bytes. */
function byteSize(defaultValue: string, description: string) {
  const message = 'must be a size such as 100kb, 1mb or 2048 (bytes)';
  return z
    .string()
    .regex(BYTE_SIZE, { error: message })
    .transform((text) => {
      const [, amount, unit = 'b'] = BYTE_SIZE.exec(text)!;
      return Math.floor(Number(amount) * UNIT[unit.toLowerCase() as keyof typeof UNIT]);
    })
    .prefault(defaultValue)
    .meta({ description });
}

/** What the gateway reads from its environment, besides what every instance reads (`instanceEnv`). */
export const gatewayEnv = instanceEnv
  .extend({
    ...jwtSecretEnv,
    PORT: envVar.port(3000, 'HTTP port of the gateway: the REST API, the web apps and the health checks'),
    BODY_LIMIT: byteSize('100kb', 'Largest JSON request body (e.g. 100kb, 1mb); a larger one gets 413'),
    CORS_ORIGINS: envVar.list(
      'Origins whose scripts may call the API, comma-separated (e.g. https://shop.example); * or empty: any origin',
    ),
    RATE_LIMIT_PER_MINUTE: envVar.int(6000, 'API requests one client (IP address) may send per minute', {
      min: 1,
    }),
    GATEWAY_REQUEST_TIMEOUT_MS: envVar.ms(
      10_000,
      'Deadline of an API request, counted from its arrival; the services it calls answer within it',
      { min: 1 },
    ),
    SESSION_CHECK_CACHE_MS: envVar.ms(
      30_000,
      "How long the gateway trusts the auth service's answer that a session is alive (0: ask on every request)",
    ),
    GATEWAY_RELAY_RAW_JSON: envVar.flag(
      true,
      'Relay JSON answers of catalogue, cart and instance-info routes as the service sent them, without parsing them',
    ),
    WEB_DIST_DIR: envVar.optionalText(
      'Folder holding the built web apps (storefront/, admin-ui/); default: dist in the working directory',
    ),
    PRODUCT_ASSETS_DIR: envVar.optionalText(
      "Folder of the product images served at /assets/products; default: the inventory service's assets",
    ),
    LOG_RETENTION_HOURS: envVar.int(24, 'How long the centralized log keeps entries, in hours', { min: 1 }),
    LOG_RETENTION_MESSAGES: envVar.int(200_000, 'Most log batches the centralized log keeps', { min: 1 }),
    LOG_RETENTION_MB: envVar.int(512, 'Most megabytes the centralized log keeps', { min: 1 }),
    LOG_REPORTS_PER_MINUTE: envVar.int(
      30,
      'POST /api/logs requests (web-app error reports) one client may send per minute',
      {
        min: 1,
      },
    ),
    LOG_INGEST_TOKEN: envVar.optionalText(
      'Token that lets clients such as the web apps report errors with POST /api/logs (header X-Log-Ingest-Token) without an admin login; unset: admins only',
    ),
  })
  .superRefine(jwtSecretRule);

export type GatewayEnv = z.output<typeof gatewayEnv>;
