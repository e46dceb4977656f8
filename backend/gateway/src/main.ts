import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppLogger, envInt, envString } from '@shop/common';
import { bootstrapService } from '@shop/messaging';
import { GatewayModule } from './app.module';
import { acceptJsonBodiesOnly } from './http/body-errors';
import { installCorrelationHooks } from './http/correlation.hooks';
import { createGatewayAdapter } from './http/gateway-adapter';
import { installSecurityHeaders } from './http/security-headers';
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
    installCorrelationHooks(fastify, logger);
    acceptJsonBodiesOnly(fastify);
    installSecurityHeaders(fastify);
    app.enableCors({
      origin: envString('CORS_ORIGINS', '*') === '*' ? true : envString('CORS_ORIGINS').split(','),
      exposedHeaders: ['X-Correlation-Id', 'Retry-After'],
    });
    await serveStaticApps(fastify, logger);
    app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready', 'assets/products/:file'] });
    app.useGlobalPipes(createValidationPipe());
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
