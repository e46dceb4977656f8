import 'reflect-metadata';
import { bootstrapService } from '@shop/messaging';
import { InventoryModule } from './app.module';

void bootstrapService(InventoryModule).catch((err: Error) => {
  console.error(`inventory failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
