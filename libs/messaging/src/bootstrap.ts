import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger, envInt } from '@shop/common';
import { MessagingRuntime } from './messaging-runtime';

export interface BootstrapOptions {
  /** HTTP port; 0 picks a free one (service instances only expose health endpoints). */
  port?: number;
  configure?: (app: INestApplication) => void | Promise<void>;
  /** Nest's own JSON parser; the gateway installs its own with clearer errors. */
  bodyParser?: boolean;
}

/**
 * Starts one instance: builds the Nest app, listens on its HTTP port, and reports that port in the
 * heartbeat. SIGTERM/SIGINT trigger a graceful shutdown (the instance announces its departure first).
 */
export async function bootstrapService(
  module: Type<unknown>,
  opts: BootstrapOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, bodyParser: opts.bodyParser ?? true });
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
  process.on('unhandledRejection', (reason) =>
    logger.write('error', `Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`),
  );
  return app;
}
