import { createServer } from 'node:net';
import { connect } from '@nats-io/transport-node';
import { InstanceHeartbeat, Subjects } from '@shop/contracts';
import { decodeJson } from '@shop/messaging';
import { SetupError } from './infrastructure/probe';

/** Longer than two heartbeat periods of a running cluster (500 ms each), so one of its heartbeats is heard. */
const LISTEN_MS = 1500;

/** Throws a SetupError saying what to do when something already listens on `port`. */
export async function assertPortFree(
  port: number,
  host: string,
  what: string,
  setting: string,
): Promise<void> {
  if (port === 0) return;
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const server = createServer();
    server.once('error', resolve);
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
  if (!error) return;
  const reason = error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code})`;
  throw new SetupError(
    `Port ${port} (${what}) on ${host} ${reason}: is the platform already running? Stop it, or start this ` +
      `one with another ${setting} (e.g. ${setting}=${port + 1} npm start).`,
  );
}

/**
 * Throws a SetupError when a cluster already runs under `prefix` on this NATS server: any heartbeat on
 * `<prefix>.registry.>` within 1.5 s. Its instances would share ids with ours and answer our requests.
 */
export async function assertPrefixUnused(natsUrl: string, prefix: string, port: number): Promise<void> {
  const nc = await connect({ servers: natsUrl, name: 'npm-start-preflight' });
  let heard: InstanceHeartbeat | undefined;
  try {
    const sub = nc.subscribe(`${Subjects.registryAll(prefix)}`, {
      callback: (err, msg) => {
        if (err || heard || !msg.subject.includes('.registry.heartbeat.')) return;
        try {
          heard = decodeJson<InstanceHeartbeat>(msg.data);
        } catch {
          // Not a heartbeat of ours.
        }
      },
    });
    const until = Date.now() + LISTEN_MS;
    while (!heard && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
  } finally {
    await nc.close();
  }
  if (!heard) return;
  throw new SetupError(
    `A cluster already runs under the subject prefix "${prefix}" on ${natsUrl}: ${heard.instanceId} ` +
      `(pid ${heard.pid} on ${heard.host}, started ${heard.startedAt}) is sending heartbeats. Its instances ` +
      'use the same instance ids as this one would. Stop it (Ctrl-C where it runs), or start this one with ' +
      `another SUBJECT_PREFIX (and PORT), e.g. SUBJECT_PREFIX=${prefix}_2 PORT=${port + 1} npm start.`,
  );
}
