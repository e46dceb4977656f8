import { INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { AppLogger, InstanceEnv, exitOnConfigError } from '@shop/common';
import { MessagingRuntime } from './messaging-runtime';

export interface BootstrapOptions {
  /**
   * HTTP port, or how to find it in the application's configuration; default HEALTH_PORT (0 picks a free
   * one: service instances only expose health endpoints).
   */
  port?: number | ((app: INestApplication) => number);
  configure?: (app: INestApplication) => void | Promise<void>;
  /** Nest's own JSON parser; off for the gateway, which keeps Fastify's and names its errors itself. */
  bodyParser?: boolean;
  /** HTTP adapter (default Express, enough for an instance's health endpoints; the gateway uses Fastify). */
  adapter?: AbstractHttpAdapter;
}

/**
 * Starts one instance: builds the Nest app, listens on its HTTP port, and reports that port in the
 * heartbeat. SIGTERM/SIGINT trigger a graceful shutdown (the instance announces its departure first).
 * An invalid configuration ends the process with INVALID_CONFIGURATION_EXIT_CODE, naming each bad variable.
 */
export async function bootstrapService(
  module: Type<unknown>,
  opts: BootstrapOptions = {},
): Promise<INestApplication> {
  const app = await createApp(module, opts);
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.flushLogs();
  app.enableShutdownHooks();
  await opts.configure?.(app);
  const config = app.get<ConfigService<InstanceEnv, true>>(ConfigService);
  const port =
    typeof opts.port === 'function'
      ? opts.port(app)
      : (opts.port ?? config.get('HEALTH_PORT', { infer: true }));
  await app.listen(port, config.get('BIND_HOST', { infer: true }));
  const address = app.getHttpServer().address() as { port: number } | null;
  const runtime = app.get(MessagingRuntime);
  runtime.heartbeat.healthPort = address?.port;
  runtime.markReady();
  logger.write('info', `${runtime.options.instanceId} ready (pid ${process.pid}, http ${address?.port})`, {
    context: 'Bootstrap',
  });
  process.on('unhandledRejection', (reason) =>
    logger.write('error', `Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`),
  );
  return app;
}

/**
 * Builds the app. Nest's start-up log stays buffered until the instance's own logger takes over; a failure
 * reaches the caller instead of Nest ending the process, so a configuration error can exit with its own code
 * and a message without a stack trace.
 */
async function createApp(module: Type<unknown>, opts: BootstrapOptions): Promise<INestApplication> {
  const options: NestApplicationOptions = {
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
    bodyParser: opts.bodyParser ?? true,
  };
  try {
    return opts.adapter
      ? await NestFactory.create(module, opts.adapter, options)
      : await NestFactory.create(module, options);
  } catch (err) {
    exitOnConfigError(err);
    throw err;
  }
}
