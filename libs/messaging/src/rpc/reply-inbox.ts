import { Msg, MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { NatsSendBatch } from '../nats-send-batch';

type Fail = (err: Error) => void;

/**
 * Request/reply with nats.js's `request()`, plus one thing it has no API for: a request that its caller may
 * send again elsewhere names the instance it waits on, and `failWaitingOn` fails every such request at once
 * when that instance is lost, so the caller re-sends it instead of waiting for its timeout.
 *
 * Failures are nats.js's (TimeoutError, RequestError: no responders, connection closed), or the error given
 * to `failWaitingOn`.
 */
export class ReplyInbox {
  private readonly waitingOn = new Map<string, Set<Fail>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly sends = new NatsSendBatch(),
  ) {}

  /**
   * Sends `data` to `subject` and resolves with the first reply, or rejects after `timeoutMs`. A request that
   * the caller may send again elsewhere names the instance it waits on as `resendableFrom`.
   */
  async request(
    subject: string,
    data: Uint8Array,
    headers: MsgHdrs | undefined,
    timeoutMs: number,
    resendableFrom?: string,
  ): Promise<Msg> {
    const reply = this.sends.send(() => this.nc.request(subject, data, { timeout: timeoutMs, headers }));
    if (resendableFrom === undefined) return reply;
    let fail!: Fail;
    const lost = new Promise<never>((_, reject) => (fail = reject));
    const waiters = this.waitingOn.get(resendableFrom) ?? new Set<Fail>();
    this.waitingOn.set(resendableFrom, waiters.add(fail));
    try {
      return await Promise.race([reply, lost]);
    } finally {
      waiters.delete(fail);
      if (waiters.size === 0) this.waitingOn.delete(resendableFrom);
    }
  }

  /** Fails now, with `err`, every resendable request that waits on `instanceId`; others keep waiting. */
  failWaitingOn(instanceId: string, err: Error): number {
    const waiters = [...(this.waitingOn.get(instanceId) ?? [])];
    for (const fail of waiters) fail(err);
    return waiters.length;
  }

  /** How many resendable requests wait for a reply (for tests). */
  get waiting(): number {
    let count = 0;
    for (const waiters of this.waitingOn.values()) count += waiters.size;
    return count;
  }
}
