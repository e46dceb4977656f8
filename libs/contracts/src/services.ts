/** Every deployable service of the platform. One Nest app, one PostgreSQL schema, one NATS queue group each. */
export const ServiceName = {
  Gateway: 'gateway',
  Auth: 'auth',
  Inventory: 'inventory',
  Cart: 'cart',
  Orders: 'orders',
  Payment: 'payment',
  Notification: 'notification',
} as const;
export type ServiceName = (typeof ServiceName)[keyof typeof ServiceName];

export const SERVICE_NAMES: readonly ServiceName[] = Object.values(ServiceName);

export function isServiceName(value: unknown): value is ServiceName {
  return typeof value === 'string' && (SERVICE_NAMES as readonly string[]).includes(value);
}
