import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import {
  DomainEventEnvelope,
  NotificationRpc,
  OrderConfirmed,
  OrderEventPayload,
  Subjects,
} from '@shop/contracts';
import { createContext } from '@shop/common';
import { EventPublisher, encodeJson, ensureEventsStream, eventsStreamName } from '@shop/messaging';
import {
  ChildInstance,
  REPO_ROOT,
  TestCluster,
  builtScript,
  freePort,
  randomSuffix,
  waitFor,
} from '@shop/testing';

jest.setTimeout(120_000);

/**
 * A real notification process and the real local SMTP sink: order events become e-mail; an event published
 * while the service is down is mailed once when it returns; a redelivered event is never mailed twice.
 */
describe('notification service (real process + SMTP sink)', () => {
  let cluster: TestCluster;
  let sink: ChildInstance;
  let smtpUrl: string;
  let db: DataSource;
  let publisher: EventPublisher;

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { LOG_LEVEL: 'warn' } });
    const port = await freePort();
    smtpUrl = `smtp://127.0.0.1:${port}`;
    sink = ChildInstance.spawn({
      name: `smtp-sink-${cluster.prefix}`,
      script: builtScript('backend/notification/src/smtp-sink.js'),
      cwd: REPO_ROOT,
      env: cluster.env({ SMTP_SINK_PORT: String(port) }),
    });
    await sink.waitForLine(/SMTP sink listening/, 60_000);
    await ensureEventsStream(cluster.observer.nc, cluster.prefix);
    publisher = new EventPublisher(cluster.observer.nc, cluster.prefix, 'orders');
    db = await new DataSource({ type: 'postgres', url: cluster.database!.url, poolSize: 2 }).initialize();
  }, 240_000);

  afterAll(async () => {
    await db?.destroy();
    await sink?.stop(2000);
    await cluster?.teardown();
  });

  const startNotification = () =>
    cluster.startInstance({
      service: 'notification',
      script: 'backend/notification/src/main.js',
      instanceId: `notification-${randomSuffix()}`,
      env: { SMTP_URL: smtpUrl },
      readyTimeoutMs: 90_000,
    });

  const confirmedEvent = (orderId: string) => ({
    id: randomUUID(),
    type: OrderConfirmed.type,
    createdAt: new Date(),
    payload: {
      orderId,
      userId: 'u-1',
      email: 'buyer@shop.local',
      priority: 'normal',
      status: 'PENDING',
      totalMinor: 4200,
      currency: 'USD',
      correlationId: randomUUID(),
    } satisfies OrderEventPayload,
  });

  const mailCount = async (subject: string): Promise<number> =>
    (
      (await db.query(`SELECT count(*)::int AS n FROM notification.smtp_sink_mail WHERE subject = $1`, [
        subject,
      ])) as {
        n: number;
      }[]
    )[0].n;

  /** Resolves once the durable consumer has nothing pending or unacknowledged. */
  const consumerIdle = () =>
    waitFor(
      async () => {
        const jsm = await jetstreamManager(cluster.observer.nc);
        const info = await jsm.consumers.info(eventsStreamName(cluster.prefix), 'notification-mail');
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      'the mail consumer to catch up',
      30_000,
      100,
    );

  it('mails the shopper for an order event', async () => {
    const instance = await startNotification();
    const orderId = randomUUID();
    await publisher.publish(confirmedEvent(orderId));
    await waitFor(
      async () => (await mailCount(`Order ${orderId} confirmed`)) === 1 || undefined,
      'the mail in the sink',
      20_000,
      100,
    );
    const [mail] = (await db.query(`SELECT * FROM notification.smtp_sink_mail WHERE subject = $1`, [
      `Order ${orderId} confirmed`,
    ])) as {
      rcpt_to: string[];
      text: string;
    }[];
    expect(mail.rcpt_to).toEqual(['buyer@shop.local']);
    expect(mail.text).toContain('42.00 USD');

    const ctx = () => createContext({ deadline: Date.now() + 10_000 });
    const query = { to: 'buyer@shop.local', limit: 1 };
    const [received] = await cluster.observer.client.call(NotificationRpc.listReceivedMail, query, ctx());
    expect(received).toMatchObject({ subject: `Order ${orderId} confirmed`, to: ['buyer@shop.local'] });
    const [sent] = await waitFor(
      async () => {
        const list = await cluster.observer.client.call(NotificationRpc.listSent, query, ctx());
        return list[0]?.subject === `Order ${orderId} confirmed` ? list : undefined;
      },
      'the sent mail on record',
      10_000,
      100,
    );
    expect(sent).toMatchObject({ eventType: OrderConfirmed.type, to: 'buyer@shop.local' });
    await instance.stop(5000);
  });

  it('delivers an event published while it was down exactly once when it returns', async () => {
    const orderId = randomUUID();
    const event = confirmedEvent(orderId);
    await publisher.publish(event);
    // The relay's retry after a lost ack: same message id, dropped by JetStream's de-duplication.
    await publisher.publish(event);
    // A copy that slipped past de-duplication (different JetStream id, same event id): the consumer skips it.
    const envelope: DomainEventEnvelope = {
      id: event.id,
      type: event.type,
      source: 'orders',
      occurredAt: event.createdAt.toISOString(),
      payload: event.payload,
    };
    await jetstream(cluster.observer.nc).publish(
      Subjects.event(cluster.prefix, event.type),
      encodeJson(envelope),
      {
        msgID: `${event.id}-copy`,
      },
    );
    expect(await mailCount(`Order ${orderId} confirmed`)).toBe(0);

    const instance = await startNotification();
    await waitFor(
      async () => (await mailCount(`Order ${orderId} confirmed`)) >= 1 || undefined,
      'the mail after the restart',
      30_000,
      100,
    );
    await consumerIdle();
    expect(await mailCount(`Order ${orderId} confirmed`)).toBe(1);
    const [{ sent }] = (await db.query(
      `SELECT count(*)::int AS sent FROM notification.sent_notifications WHERE order_id = $1`,
      [orderId],
    )) as { sent: number }[];
    expect(sent).toBe(1);
    await instance.stop(5000);
  });
});
