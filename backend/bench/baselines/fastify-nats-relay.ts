/**
 * Baseline: the least a REST-over-NATS edge can do. A bare Fastify route that sends an empty request to
 * the raw NATS responder through the same reply inbox the gateway uses and returns its bytes: no Nest, no
 * headers on either hop, no validation, rate limit, security headers, correlation id, balancer or breaker.
 * Its figure, beside bare Node and the gateway, splits what the gateway costs into what HTTP plus a NATS
 * round trip costs on this machine and what the gateway's features add.
 * Prints `listening <port>` once ready.
 */
import Fastify from 'fastify';
import { connectNats } from '../../../libs/messaging/src/nats-connection';
// The module itself, not @shop/messaging's index: this process needs none of Nest.
import { ReplyInbox } from '../../../libs/messaging/src/rpc/reply-inbox';

async function main(): Promise<void> {
  const subject = process.env.SUBJECT ?? 'bench.raw';
  const nc = await connectNats({ servers: process.env.NATS_URL, name: 'bench-fastify-relay' });
  const inbox = new ReplyInbox(nc);
  const empty = new Uint8Array(0);
  const app = Fastify({ logger: false });
  app.get('/info', async (_req, reply) => {
    const msg = await inbox.request(subject, empty, undefined, 5000);
    return reply
      .type('application/json; charset=utf-8')
      .send(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
  });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
  process.on('SIGTERM', () => void app.close().finally(() => void nc.close().finally(() => process.exit(0))));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
