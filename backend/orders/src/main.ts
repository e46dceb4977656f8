import 'reflect-metadata';
import { bootstrapService } from '@shop/messaging';
import { OrdersModule } from './app.module';

void bootstrapService(OrdersModule).catch((err: Error) => {
  console.error(`orders failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
