/** Messages between the chaos run and its infrastructure host process (over the child's IPC channel). */

export interface InfraReady {
  type: 'ready';
  natsUrl: string;
  natsPid: number;
  /** URL of the server's `postgres` database. */
  postgresUrl: string;
  postgresPid: number;
}

export type InfraCommand =
  { type: 'restart'; id: number; server: 'nats' | 'postgres'; downMs: number } | { type: 'stop' };

export interface InfraRestarted {
  type: 'restarted';
  id: number;
  server: 'nats' | 'postgres';
  ok: boolean;
  error?: string;
  /** Epoch ms when the stop began, when the server was gone and when it answered again. */
  stoppingAt: number;
  stoppedAt: number;
  startedAt: number;
  pid: number;
}

export type InfraMessage =
  InfraReady | InfraRestarted | { type: 'stopped' } | { type: 'failed'; error: string };
