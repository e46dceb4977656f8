/**
 * Hands the NATS messages sent during one event-loop turn to nats.js together.
 *
 * Why: nats.js writes its outbound buffer to the socket at the end of the microtask that queued a message.
 * Requests and replies started by different I/O callbacks (one per HTTP request, one per NATS message) are
 * therefore one socket write each, a system call here and a wake-up of nats-server per message: under load
 * the largest single CPU cost of the gateway in the bench's profiles. Deferring each send to `setImmediate`
 * runs every send of a loop turn in one synchronous pass, which nats.js then writes as one buffer. The cost is
 * one loop turn of latency per message. `NATS_SEND_BATCHING=false` sends at once; the measured gain is in
 * CONTRIBUTING.md's table of kept techniques.
 */
export class NatsSendBatch {
  private queued: (() => void)[] = [];

  constructor(private readonly enabled = true) {}

  /** Runs `send` together with the other sends of this loop turn; settles as its result does. */
  send<T>(send: () => T | Promise<T>): Promise<T> {
    if (!this.enabled) return new Promise<T>((resolve) => resolve(send()));
    return new Promise<T>((resolve, reject) => {
      this.queued.push(() => {
        try {
          resolve(send());
        } catch (err) {
          reject(err as Error);
        }
      });
      if (this.queued.length === 1) setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const queued = this.queued;
    this.queued = [];
    for (const send of queued) send();
  };
}
