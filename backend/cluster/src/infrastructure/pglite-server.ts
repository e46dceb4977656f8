/**
 * The embedded database of `npm start` when no PostgreSQL answers: PGlite (PostgreSQL compiled to WASM)
 * served over the PostgreSQL wire protocol on a local port. All connections share ONE session and run
 * one request at a time, so it is for trying the system out, never for load or locking behaviour.
 * Prints `PGLITE_READY port=<n>` once it accepts connections.
 *
 * The socket front is ours (pglite-wire.ts), not @electric-sql/pglite-socket's server: that one queues
 * single protocol messages, so two clients' Parse/Bind/Execute sequences interleave ("unnamed prepared
 * statement does not exist") and instances stall at start-up. Ours runs each client's run of messages up
 * to Sync as one unit.
 */
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { WireScheduler } from './pglite-wire';

async function main(): Promise<void> {
  const dataDir = process.env.PGLITE_DATA_DIR ?? '.data/pglite';
  const db = new PGlite(dataDir);
  await db.waitReady;
  const scheduler = new WireScheduler(db);
  const server = createServer((socket) => scheduler.attach(socket));
  server.maxConnections = Number(process.env.PGLITE_MAX_CONNECTIONS ?? 200);
  await new Promise<void>((resolve) =>
    server.listen(Number(process.env.PGLITE_PORT ?? 0), '127.0.0.1', resolve),
  );
  const { port } = server.address() as { port: number };
  process.stdout.write(`PGLITE_READY port=${port}\n`);
  const stop = async () => {
    server.close();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: Error) => {
  console.error(`embedded PGlite failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
