import 'reflect-metadata';
import { bootstrapService } from '@shop/messaging';
import { NotificationModule } from './app.module';

void bootstrapService(NotificationModule).catch((err: Error) => {
  console.error(`notification failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
