import { DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { z } from 'zod';
import { loadConfig } from './load-config';

/**
 * The Nest side of a service's configuration: a global `ConfigModule` whose values are `schema`'s, read from
 * the process environment and checked when the application is built (not when modules are imported). A bad or
 * missing value fails the build with a ConfigError naming the variable; `ConfigService` answers only what the
 * schema declares, typed (`ConfigService<OrdersEnv, true>`, `config.get('SAGA_LEASE_MS', { infer: true })`).
 * No `.env` file is read: the environment is the configuration.
 */
export function configModule(schema: z.ZodType): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    // Nothing is read when the module is declared: the schema reads the environment in `load`, at build time.
    validatePredefined: false,
    skipProcessEnv: true,
    cache: true,
    load: [() => loadConfig(schema) as Record<string, unknown>],
  });
}

/** Every variable of an object schema, as the ConfigService holds it (for code that wants them all). */
export function readConfig<S extends z.ZodObject>(config: ConfigService, schema: S): z.output<S> {
  return Object.fromEntries(Object.keys(schema.shape).map((key) => [key, config.get(key)])) as z.output<S>;
}
