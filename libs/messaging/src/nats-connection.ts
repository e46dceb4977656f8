import {
  NatsConnection,
  NatsConnectionImpl,
  NodeConnectionOptions,
  setTransportFactory,
} from '@nats-io/transport-node';
// Not re-exported by the package index; the transport class is what `connect()` below plugs in.
import { NodeTransport, nodeResolveHost } from '@nats-io/transport-node/lib/node_transport';

/**
 * nats.js flushes its outbound buffer in a microtask, so every callback that publishes (an HTTP request
 * handled by the gateway, a reply from a service) ends in its own socket write, and the server wakes up
 * once per message. `npm run bench` measured those writes as the largest cost on the request path: a
 * third of the gateway's CPU, most of the server's. This transport gathers the frames queued during one
 * event-loop turn and writes them together when the turn ends (`setImmediate`), as nats.go's flusher does.
 * A lone request waits no longer than the rest of the current turn.
 */
export class CoalescingTransport extends NodeTransport {
  private queued: Uint8Array[] = [];
  private scheduled = false;

  override send(frame: Uint8Array): void {
    this.queued.push(frame);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.writeQueued);
  }

  override close(err?: Error): Promise<void> {
    this.writeQueued();
    return super.close(err);
  }

  private readonly writeQueued = (): void => {
    this.scheduled = false;
    if (this.queued.length === 0) return;
    const frames = this.queued;
    this.queued = [];
    super.send(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  };
}

/** `connect()` of @nats-io/transport-node, with writes coalesced per event-loop turn. */
export function connectNats(options: NodeConnectionOptions): Promise<NatsConnection> {
  setTransportFactory({ factory: () => new CoalescingTransport(), dnsResolveFn: nodeResolveHost });
  return NatsConnectionImpl.connect(options);
}
