import 'reflect-metadata';
import { bootstrapService } from '@shop/messaging';
import { CartModule } from './app.module';

void bootstrapService(CartModule).catch((err: Error) => {
  console.error(`cart failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
