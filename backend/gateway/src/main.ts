import 'reflect-metadata';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppLogger, envInt, envString } from '@shop/common';
import { bootstrapService } from '@shop/messaging';
import { GatewayModule } from './app.module';
import { jsonBodyParser } from './http/body-parsers';
import { correlationMiddleware } from './http/correlation.middleware';
import { createValidationPipe } from './http/validation';
import { serveStaticApps } from './http/static-apps';

void bootstrapService(GatewayModule, {
  port: envInt('PORT', 3000),
  bodyParser: false,
  configure: (nestApp) => {
    const app = nestApp as NestExpressApplication;
    const logger = app.get(AppLogger);
    app.set('trust proxy', 'loopback');
    app.use(correlationMiddleware(logger));
    app.use(helmet({ contentSecurityPolicy: false }));
    app.enableCors({
      origin: envString('CORS_ORIGINS', '*') === '*' ? true : envString('CORS_ORIGINS').split(','),
      exposedHeaders: ['X-Correlation-Id', 'Retry-After'],
    });
    app.use(jsonBodyParser(envString('BODY_LIMIT', '100kb')));
    serveStaticApps(app, logger);
    app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });
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
