import { Socket } from 'node:net';

/**
 * Splits a PostgreSQL client's byte stream into the groups the embedded PGlite must run as one unit:
 * the start-up message alone, then runs of extended-protocol messages up to and including Sync (or Flush),
 * or one simple Query. PGlite is a single session, so a group must never interleave with another
 * connection's messages (Parse/Bind of two clients would overwrite each other's unnamed statement).
 */
export class WireGrouper {
  private buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private started = false;

  /** Feeds bytes; returns the complete groups, plus what the caller must do for special messages. */
  push(chunk: Buffer): { groups: Buffer[]; sslRequest: boolean; terminate: boolean } {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const groups: Buffer[] = [];
    let sslRequest = false;
    let terminate = false;
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) break;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) break;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          sslRequest = true;
          continue;
        }
        if (code === CANCEL_REQUEST) {
          terminate = true;
          break;
        }
        this.started = true;
        groups.push(Buffer.from(message));
        continue;
      }
      if (this.buffer.length < 5) break;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) break;
      const type = String.fromCharCode(this.buffer[0]);
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (type === 'X') {
        terminate = true;
        break;
      }
      this.pending.push(Buffer.from(message));
      if (type === 'S' || type === 'Q' || type === 'H') {
        groups.push(Buffer.concat(this.pending));
        this.pending = [];
      }
    }
    return { groups, sslRequest, terminate };
  }
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** What the scheduler needs from PGlite. */
export interface WireDatabase {
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void },
  ): Promise<void>;
  isInTransaction(): boolean;
  exec(sql: string): Promise<unknown>;
}

interface Task {
  connection: number;
  run: () => Promise<void>;
}

/**
 * Runs groups one at a time against the single PGlite session. While a connection has a transaction
 * open, only that connection's groups run (like row locks, but for everything); when it disconnects
 * with a transaction open, the transaction is rolled back.
 */
export class WireScheduler {
  private readonly queue: Task[] = [];
  private running = false;
  private owner: number | undefined;
  private nextId = 1;

  constructor(private readonly db: WireDatabase) {}

  /** Serves one client socket. */
  attach(socket: Socket): void {
    const id = this.nextId++;
    const grouper = new WireGrouper();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const { groups, sslRequest, terminate } = grouper.push(chunk);
      if (sslRequest) socket.write('N');
      for (const group of groups)
        this.enqueue(id, async () => {
          await this.db.execProtocolRawStream(group, {
            onRawData: (data) => {
              if (socket.writable) socket.write(data);
            },
          });
        });
      if (terminate) socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.detach(id));
  }

  private enqueue(connection: number, run: () => Promise<void>): void {
    this.queue.push({ connection, run });
    void this.pump();
  }

  private detach(connection: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i].connection === connection) this.queue.splice(i, 1);
    if (this.owner === connection)
      // Jump the queue: nobody else can run until this transaction is gone.
      this.queue.unshift({
        connection,
        run: async () => {
          await this.db.exec('ROLLBACK').catch(() => undefined);
        },
      });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.queue.findIndex((t) => this.owner === undefined || t.connection === this.owner);
        if (index < 0) break;
        const [task] = this.queue.splice(index, 1);
        await task.run().catch(() => undefined);
        this.owner = this.db.isInTransaction() ? task.connection : undefined;
      }
    } finally {
      this.running = false;
    }
  }
}
