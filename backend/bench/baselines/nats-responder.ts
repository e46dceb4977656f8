/**
 * Baseline: a raw nats.js responder (no framework, no headers, no balancer) answering the same JSON as
 * the inventory `info` method on `<SUBJECT>`. Runs as its own process, like a service instance.
 * Prints `ready` once subscribed.
 */
import { connect } from '@nats-io/transport-node';
import { infoPayload } from './payloads';

async function main(): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL });
  const body = new TextEncoder().encode(JSON.stringify(infoPayload()));
  nc.subscribe(process.env.SUBJECT ?? 'bench.raw', {
    queue: 'raw',
    callback: (err, msg) => {
      if (!err) msg.respond(body);
    },
  });
  await nc.flush();
  console.log('ready');
  process.on('SIGTERM', () => void nc.drain().finally(() => process.exit(0)));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
