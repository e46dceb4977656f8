import { createServer } from 'node:net';

/**
 * Ports are drawn below Linux's default ephemeral range (32768–60999): a port the OS hands out for `listen(0)`
 * comes from that range, and so does the local port of every outgoing connection, so on a busy machine such
 * a port could be taken by some connection before the process meant to listen on it starts.
 */
const FIRST = 20_000;
const LAST = 32_767;

/** A TCP port that was free a moment ago, for processes that need a fixed port. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if ((await listenOn(port)) !== undefined) return port;
  }
  const port = await listenOn(0);
  if (port === undefined) throw new Error('No free TCP port on 127.0.0.1');
  return port;
}

/** Listens on `port` of 127.0.0.1 and closes again: the port it got, or undefined when it was taken. */
function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}
