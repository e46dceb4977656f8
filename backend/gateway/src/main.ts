import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppLogger, exitOnConfigError, loadConfig } from '@shop/common';
import { bootstrapService } from '@shop/messaging';
import { GatewayModule } from './app.module';
import { GatewayEnv, gatewayEnv } from './config/gateway.env';
import { acceptJsonBodiesOnly } from './http/body-errors';
import { installCorrelation } from './http/correlation.hooks';
import { registerEdgePlugins } from './http/edge-plugins';
import { createGatewayAdapter } from './http/gateway-adapter';
import { installRequestDeadline } from './http/request-context.decorator';
import { RequestShapePipe } from './http/request-shape.pipe';
import { createValidationPipe } from './http/validation';
import { serveStaticApps } from './http/static-apps';

/** The HTTP server is built before the Nest application, so the configuration is read here first. */
function readGatewayEnv(): GatewayEnv {
  try {
    return loadConfig(gatewayEnv);
  } catch (err) {
    exitOnConfigError(err);
    throw err;
  }
}

const env = readGatewayEnv();

void bootstrapService(GatewayModule, {
  port: env.PORT,
  adapter: createGatewayAdapter(env.BODY_LIMIT),
  bodyParser: false,
  configure: async (nestApp) => {
    const app = nestApp as NestFastifyApplication;
    const logger = app.get(AppLogger);
    const fastify = app.getHttpAdapter().getInstance();
    installCorrelation(fastify, logger);
    installRequestDeadline(fastify, env.GATEWAY_REQUEST_TIMEOUT_MS);
    await registerEdgePlugins(fastify, {
      corsOrigins: env.CORS_ORIGINS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      routeLimits: [{ method: 'POST', url: '/api/logs', perMinute: env.LOG_REPORTS_PER_MINUTE }],
    });
    acceptJsonBodiesOnly(fastify);
    // The refresh cookie of the auth routes (see account/refresh-cookie.ts).
    await app.register(fastifyCookie);
    await serveStaticApps(fastify, logger, env.WEB_DIST_DIR);
    app.setGlobalPrefix('api', {
      exclude: ['health/live', 'health/ready', 'metrics', 'assets/products/:file'],
    });
    app.useGlobalPipes(new RequestShapePipe(), createValidationPipe());
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Distributed Shop API')
        .setDescription('REST edge of the platform. Every response carries X-Correlation-Id.')
        .setVersion(env.APP_VERSION ?? env.npm_package_version ?? '0.1.0')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  },
}).catch((err: Error) => {
  console.error(`gateway failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
