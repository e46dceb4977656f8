import 'reflect-metadata';
import { bootstrapService } from '@shop/messaging';
import { AuthModule } from './app.module';

void bootstrapService(AuthModule).catch((err: Error) => {
  console.error(`auth failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
