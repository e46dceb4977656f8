import { join } from 'node:path';
import { NatsConnection, connect } from '@nats-io/transport-node';
import { onCleanup } from './cleanup';
import { processSpec } from './system';
import { Child, INSTANCE_NODE_FLAGS, freePort, logTail, sleep, startChild, waitForPort } from './processes';

/** The bare Node HTTP server (own process); serves /info and /page. */
export async function startBareHttp(root: string, logDir: string): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const child = startChild(
    'bare-http',
    process.execPath,
    [...INSTANCE_NODE_FLAGS, join(root, 'dist', 'backend', 'bench', 'baselines', 'bare-http-server.js')],
    { PATH: process.env.PATH, PORT: String(port) },
    join(logDir, 'bare-http.log'),
  );
  await waitForPort(port, 10_000);
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The relays to the raw NATS responder: a bare Fastify route, or the same in a one-controller Nest app. */
export type RelayKind = 'fastify' | 'nest';

/**
 * A relay to the raw NATS responder on `subject` (own process): the floor of any REST-over-NATS edge on
 * this machine (`fastify`), and what Nest's own pipeline adds to it (`nest`).
 */
export async function startNatsRelay(
  kind: RelayKind,
  root: string,
  logDir: string,
  natsUrl: string,
  subject: string,
): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const name = `${kind}-nats-relay`;
  const child = startChild(
    name,
    process.execPath,
    [
      ...INSTANCE_NODE_FLAGS,
      // The gateway's young generation, so that every edge pays the same for garbage collection.
      ...(processSpec('gateway').nodeFlags ?? []),
      join(root, 'dist', 'backend', 'bench', 'baselines', `${name}.js`),
    ],
    { PATH: process.env.PATH, PORT: String(port), NATS_URL: natsUrl, SUBJECT: subject },
    join(logDir, `${name}.log`),
  );
  await waitForPort(port, 10_000);
  return { url: `http://127.0.0.1:${port}`, child };
}

/**
 * The raw NATS responder (own process) plus a client connection of the benchmark to call it; resolves
 * once a request gets an answer.
 */
export async function startNatsResponder(
  root: string,
  logDir: string,
  natsUrl: string,
  subject: string,
): Promise<{ nc: NatsConnection; child: Child }> {
  const child = startChild(
    'nats-responder',
    process.execPath,
    [...INSTANCE_NODE_FLAGS, join(root, 'dist', 'backend', 'bench', 'baselines', 'nats-responder.js')],
    { PATH: process.env.PATH, NATS_URL: natsUrl, SUBJECT: subject },
    join(logDir, 'nats-responder.log'),
  );
  const nc = await connect({ servers: natsUrl, name: 'bench-raw-requester' });
  onCleanup('raw NATS requester', () => nc.close());
  for (let i = 0; i < 100; i++) {
    try {
      await nc.request(subject, new Uint8Array(0), { timeout: 200 });
      return { nc, child };
    } catch {
      if (child.exited) break;
      await sleep(100);
    }
  }
  throw new Error(`raw NATS responder did not answer:\n${await logTail(child)}`);
}
