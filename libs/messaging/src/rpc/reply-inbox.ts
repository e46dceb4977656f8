import {
  MsgHdrs,
  Msg,
  NatsConnection,
  NoRespondersError,
  TimeoutError,
  createInbox,
} from '@nats-io/transport-node';

interface Pending {
  subject: string;
  /** Set for a request that may be sent again elsewhere: the instance it waits on (see `failWaitingOn`). */
  resendableFrom?: string;
  resolve(msg: Msg): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply through one wildcard inbox subscription, as nats.js's `request()` does, without its cost on
 * every answered request: nats.js settles a request and then "cancels" it, which builds an Error with a stack
 * trace (the rejection of an already-resolved promise), besides a timer and a promise of its own. That was a
 * tenth of the gateway's CPU in `npm run bench`. Here a request is one map entry and one timer.
 *
 * Failures are nats.js's error types (TimeoutError, NoRespondersError), so the RPC client maps them as before.
 */
export class ReplyInbox {
  private readonly prefix = `${createInbox()}.`;
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;

  constructor(private readonly nc: NatsConnection) {
    nc.subscribe(`${this.prefix}*`, { callback: (err, msg) => this.settle(err, msg) });
    // A closed connection answers nothing more: fail what waits now rather than at each timeout.
    void nc.closed().then(() => this.failAll(new Error('NATS connection closed')));
  }

  /**
   * Sends `data` to `subject` and resolves with the first reply, or rejects after `timeoutMs`. A request that
   * the caller may send again elsewhere names the instance it waits on as `resendableFrom`.
   */
  request(
    subject: string,
    data: Uint8Array,
    headers: MsgHdrs | undefined,
    timeoutMs: number,
    resendableFrom?: string,
  ): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      const token = (this.sequence++).toString(36);
      const timer = setTimeout(() => this.take(token)?.reject(new TimeoutError()), timeoutMs);
      this.pending.set(token, { subject, resendableFrom, resolve, reject, timer });
      try {
        this.nc.publish(subject, data, { reply: this.prefix + token, headers });
      } catch (err) {
        this.take(token)?.reject(err as Error);
      }
    });
  }

  /**
   * Fails now, with `err`, every resendable request that waits on `instanceId` (lost: it will never answer),
   * so its caller can send it elsewhere instead of waiting for the timeout. Others keep waiting.
   */
  failWaitingOn(instanceId: string, err: Error): number {
    let failed = 0;
    for (const [token, request] of this.pending) {
      if (request.resendableFrom !== instanceId) continue;
      this.take(token)?.reject(err);
      failed++;
    }
    return failed;
  }

  /** How many requests wait for a reply (for tests). */
  get waiting(): number {
    return this.pending.size;
  }

  private settle(err: Error | null, msg: Msg): void {
    if (err) return this.failAll(err);
    const request = this.take(msg.subject.slice(this.prefix.length));
    if (!request) return; // answered after its timeout
    // The server answers a request nobody subscribes to with an empty 503 status message.
    if (msg.data.length === 0 && msg.headers?.code === 503)
      request.reject(new NoRespondersError(request.subject));
    else request.resolve(msg);
  }

  /** Removes a waiting request and stops its timer; undefined when it already ended. */
  private take(token: string): Pending | undefined {
    const request = this.pending.get(token);
    if (!request) return undefined;
    this.pending.delete(token);
    clearTimeout(request.timer);
    return request;
  }

  private failAll(err: Error): void {
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(err);
    }
    this.pending.clear();
  }
}
