import { Orders1732400000000 } from './1732400000000-orders';

/** Migrations of the orders service, in order. */
export const ordersMigrations = [Orders1732400000000];
