import { INestApplication, Type } from '@nestjs/common';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { AppLogger, IdleMemoryTrimmer, envInt } from '@shop/common';
import { MessagingRuntime } from './messaging-runtime';

export interface BootstrapOptions {
  /** HTTP port; 0 picks a free one (service instances only expose health endpoints). */
  port?: number;
  configure?: (app: INestApplication) => void | Promise<void>;
  /** Nest's own JSON parser; off for the gateway, which keeps Fastify's and names its errors itself. */
  bodyParser?: boolean;
  /** HTTP adapter (default Express, enough for an instance's health endpoints; the gateway uses Fastify). */
  adapter?: AbstractHttpAdapter;
}

/**
 * Starts one instance: builds the Nest app, listens on its HTTP port, and reports that port in the
 * heartbeat. SIGTERM/SIGINT trigger a graceful shutdown (the instance announces its departure first).
 */
export async function bootstrapService(
  module: Type<unknown>,
  opts: BootstrapOptions = {},
): Promise<INestApplication> {
  const nestOptions = { bufferLogs: true, bodyParser: opts.bodyParser ?? true };
  const app = opts.adapter
    ? await NestFactory.create(module, opts.adapter, nestOptions)
    : await NestFactory.create(module, nestOptions);
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  await opts.configure?.(app);
  const port = opts.port ?? envInt('HEALTH_PORT', 0);
  await app.listen(port, process.env.BIND_HOST ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number } | null;
  const runtime = app.get(MessagingRuntime);
  runtime.heartbeat.healthPort = address?.port;
  runtime.markReady();
  logger.write('info', `${runtime.options.instanceId} ready (pid ${process.pid}, http ${address?.port})`, {
    context: 'Bootstrap',
  });
  startIdleMemoryTrimmer(logger);
  process.on('unhandledRejection', (reason) =>
    logger.write('error', `Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`),
  );
  return app;
}

/** Gives back what a busy spell grew the heap to once the instance is quiet (IDLE_TRIM_AFTER_MS, 0: never). */
function startIdleMemoryTrimmer(logger: AppLogger): void {
  const quietMs = envInt('IDLE_TRIM_AFTER_MS', 2000);
  if (quietMs <= 0) return;
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  new IdleMemoryTrimmer({
    quietMs,
    onTrim: (before, after) =>
      logger.write('debug', `Quiet: heap collected, RSS ${mb(before)} → ${mb(after)} MB`, {
        context: 'Memory',
      }),
  }).start();
}
