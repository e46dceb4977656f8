import { PaymentEntity } from './payments/payment.entity';

/** Every TypeORM entity of the payment service (its schema "payment"). */
export const paymentEntities = [PaymentEntity];
