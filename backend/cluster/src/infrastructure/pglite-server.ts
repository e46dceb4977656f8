/**
 * The embedded database of `npm start` when no PostgreSQL answers: PGlite (PostgreSQL compiled to WASM)
 * served over the PostgreSQL wire protocol on a local port. All connections share ONE session and run
 * one query at a time, so it is for trying the system out, never for load or locking behaviour.
 * Prints `PGLITE_READY port=<n>` once it accepts connections.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

async function main(): Promise<void> {
  const dataDir = process.env.PGLITE_DATA_DIR ?? '.data/pglite';
  const db = new PGlite(dataDir);
  await db.waitReady;
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: Number(process.env.PGLITE_PORT ?? 0),
    // Every instance keeps a small pool (DATABASE_POOL_SIZE=1 in this mode); queries are queued anyway.
    maxConnections: Number(process.env.PGLITE_MAX_CONNECTIONS ?? 200),
  });
  let port = 0;
  server.addEventListener('listening', (event) => {
    port = (event as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start();
  process.stdout.write(`PGLITE_READY port=${port}\n`);
  const stop = async () => {
    await server.stop().catch(() => undefined);
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
