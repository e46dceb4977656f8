import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SetupError, findExecutable, tcpGreeting, waitFor } from './probe';

export interface NatsEndpoint {
  url: string;
  /** Set when the supervisor started the server itself. */
  started?: { pid: number; dataDir: string; stop(): Promise<void> };
}

const DEFAULT_URL = 'nats://127.0.0.1:4222';

function hostPort(url: string): { host: string; port: number } {
  const first = url.split(',')[0].trim();
  const parsed = new URL(first.includes('://') ? first : `nats://${first}`);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 4222) };
}

export async function natsAnswers(url: string): Promise<boolean> {
  const { host, port } = hostPort(url);
  return (await tcpGreeting(host, port))?.startsWith('INFO') ?? false;
}

/**
 * Uses `given` (NATS_URL) when set (it must answer), else a NATS on 127.0.0.1:4222; when none answers there and
 * `nats-server` is installed, starts one with JetStream, storing under `<dataDir>/nats`.
 */
export async function ensureNats(given: string | undefined, dataDir: string): Promise<NatsEndpoint> {
  const url = given || DEFAULT_URL;
  if (await natsAnswers(url)) return { url };
  if (given)
    throw new SetupError(
      `NATS_URL=${given} does not answer. Start that NATS server (with JetStream: -js), or unset NATS_URL ` +
        'to let npm start use or start a local one.',
    );
  const binary = findExecutable('nats-server');
  if (!binary)
    throw new SetupError(
      'No NATS server answers on 127.0.0.1:4222 and nats-server is not installed.\n' +
        '  Install it (Debian/Ubuntu: sudo apt-get install nats-server; macOS: brew install nats-server;\n' +
        '  or a binary from https://github.com/nats-io/nats-server/releases), or run one with Docker:\n' +
        '  docker run -d -p 4222:4222 nats:2.10 -js, or set NATS_URL to a NATS server with JetStream.',
    );
  const { port } = hostPort(url);
  return { url, started: await startNatsServer(binary, port, resolve(dataDir, 'nats')) };
}

/** Starts `nats-server` with JetStream on 127.0.0.1:`port`, storing under `storeDir`; resolves once it answers. */
export async function startNatsServer(
  binary: string,
  port: number,
  storeDir: string,
): Promise<NonNullable<NatsEndpoint['started']>> {
  const url = `nats://127.0.0.1:${port}`;
  mkdirSync(storeDir, { recursive: true });
  const log = openSync(join(storeDir, 'nats-server.log'), 'a');
  const child: ChildProcess = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let failed = false;
  child.once('exit', () => (failed = true));
  const up = await waitFor(async () => failed || (await natsAnswers(url)), 10_000);
  if (!up || failed) {
    child.kill('SIGKILL');
    throw new SetupError(
      `Started ${binary} but it did not answer on port ${port}; see ${join(storeDir, 'nats-server.log')}.`,
    );
  }
  return {
    pid: child.pid ?? 0,
    dataDir: storeDir,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
