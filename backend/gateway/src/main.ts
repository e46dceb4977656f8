import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppLogger, envInt, envString } from '@shop/common';
import { bootstrapService } from '@shop/messaging';
import { GatewayModule } from './app.module';
import { acceptJsonBodiesOnly } from './http/body-errors';
import { installCorrelation } from './http/correlation.hooks';
import { registerEdgePlugins } from './http/edge-plugins';
import { createGatewayAdapter } from './http/gateway-adapter';
import { RequestShapePipe } from './http/request-shape.pipe';
import { createValidationPipe } from './http/validation';
import { serveStaticApps } from './http/static-apps';

void bootstrapService(GatewayModule, {
  port: envInt('PORT', 3000),
  adapter: createGatewayAdapter(),
  bodyParser: false,
  configure: async (nestApp) => {
    const app = nestApp as NestFastifyApplication;
    const logger = app.get(AppLogger);
    const fastify = app.getHttpAdapter().getInstance();
    installCorrelation(fastify, logger);
    await registerEdgePlugins(fastify, {
      corsOrigins: envString('CORS_ORIGINS', '*')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      rateLimitPerMinute: envInt('RATE_LIMIT_PER_MINUTE', 6000),
    });
    acceptJsonBodiesOnly(fastify);
    // Only the auth routes read or write a cookie (the refresh cookie, see account/refresh-cookie.ts): no
    // per-request parsing hook, they call the plugin's parse and serialize functions themselves.
    await app.register(fastifyCookie, { hook: false });
    await serveStaticApps(fastify, logger);
    app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready', 'assets/products/:file'] });
    app.useGlobalPipes(new RequestShapePipe(), createValidationPipe());
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Distributed Shop API')
        .setDescription('REST edge of the platform. Every response carries X-Correlation-Id.')
        .setVersion(process.env.APP_VERSION ?? '0.1.0')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  },
}).catch((err: Error) => {
  console.error(`gateway failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
