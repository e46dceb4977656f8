export interface StreamedEvent {
  type: string;
  data: unknown;
}

export interface OpenStream {
  /** Every event received so far (keep-alives and `ready` included). */
  events: StreamedEvent[];
  /** The data of the events of `type` received so far. */
  dataOf<T>(type: string): T[];
  close(): void;
}

/**
 * Opens a server-sent event stream the way EventSource does (a token as `?access_token=`; none for a public
 * stream), and resolves once its first event has arrived; events are collected until `close()`.
 */
export async function openEventStream(baseUrl: string, path: string, token?: string): Promise<OpenStream> {
  const controller = new AbortController();
  const separator = path.includes('?') ? '&' : '?';
  const auth = token === undefined ? '' : `${separator}access_token=${encodeURIComponent(token)}`;
  const res = await fetch(`${baseUrl}${path}${auth}`, { signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const events: StreamedEvent[] = [];
  let opened!: () => void;
  const first = new Promise<void>((resolve) => (opened = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          events.push({ type, data: data === undefined ? undefined : (JSON.parse(data) as unknown) });
          opened();
        }
      }
    } catch {
      // closed
    }
  })();
  await first;
  return {
    events,
    dataOf: <T>(type: string) => events.filter((e) => e.type === type).map((e) => e.data as T),
    close: () => controller.abort(),
  };
}
