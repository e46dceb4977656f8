import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subscription } from '@nats-io/transport-node';
import { Observable, Subject, share } from 'rxjs';
import { DomainEventEnvelope, Subjects } from '@shop/contracts';
import { MessagingRuntime, decodeJson } from '@shop/messaging';

/**
 * Live feed of every domain event (the relays' JetStream publishes, heard on plain NATS) for server-sent
 * event streams. Not durable: a browser that reconnects reloads state over REST.
 */
@Injectable()
export class DomainEventFeed implements OnModuleDestroy {
  private readonly subject = new Subject<DomainEventEnvelope>();
  private sub?: Subscription;
  readonly events$: Observable<DomainEventEnvelope>;

  constructor(private readonly runtime: MessagingRuntime) {
    this.events$ = this.subject.pipe(share());
    this.sub = runtime.nc.subscribe(Subjects.eventsAll(runtime.options.prefix), {
      callback: (err, msg) => {
        // Every order publishes several events; decode them only while a stream is open.
        if (err || !this.subject.observed) return;
        try {
          this.subject.next(decodeJson<DomainEventEnvelope>(msg.data));
        } catch {
          // not an envelope: ignore
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
    this.subject.complete();
  }
}
