import 'reflect-metadata';
import { bootstrapService } from '@shop/messaging';
import { PaymentModule } from './app.module';

void bootstrapService(PaymentModule).catch((err: Error) => {
  console.error(`payment failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
