import { NatsConnection } from '@nats-io/transport-node';
import { DurableEventConsumer } from './durable-consumer';

describe('DurableEventConsumer retry delay', () => {
  const consumer = (retryDelayMs?: number, maxRetryDelayMs?: number) =>
    new DurableEventConsumer({} as NatsConnection, 'test', {
      durable: 'd',
      retryDelayMs,
      maxRetryDelayMs,
    });

  it('doubles with every failed delivery of a message', () => {
    const c = consumer(2000);
    expect([1, 2, 3, 4].map((n) => c.retryDelay(n))).toEqual([2000, 4000, 8000, 16_000]);
  });

  it('stops growing at the maximum (60 s by default)', () => {
    expect(consumer(2000).retryDelay(50)).toBe(60_000);
    expect(consumer(1000, 5000).retryDelay(10)).toBe(5000);
  });
});
