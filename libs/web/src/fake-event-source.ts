import type { EventSourceLike } from './event-source';

/** Stands in for the browser's EventSource in unit tests: records listeners and lets a test push events. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  onopen: EventSourceLike['onopen'] = null;
  onerror: EventSourceLike['onerror'] = null;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: text }));
  }

  close(): void {
    this.closed = true;
  }
}

/** A provider of EVENT_SOURCE_FACTORY that keeps every connection opened, for the test to drive. */
export function fakeEventSources(): { opened: FakeEventSource[]; factory: (url: string) => FakeEventSource } {
  const opened: FakeEventSource[] = [];
  return {
    opened,
    factory: (url: string) => {
      const source = new FakeEventSource(url);
      opened.push(source);
      return source;
    },
  };
}
