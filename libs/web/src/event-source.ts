import { InjectionToken } from '@angular/core';

/** The part of `EventSource` an app uses, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onopen: ((this: EventSource, ev: Event) => unknown) | null;
  onerror: ((this: EventSource, ev: Event) => unknown) | null;
  close(): void;
}

/** Opens server-sent event connections; tests provide a fake. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => EventSourceLike>(
  'EVENT_SOURCE_FACTORY',
  {
    providedIn: 'root',
    factory: () => (url: string) => new EventSource(url),
  },
);

/** EventSource.CLOSED; the constant is not defined in every test environment. */
export const EVENT_SOURCE_CLOSED = 2;

/**
 * A stream URL with the access token in `?access_token=` (EventSource cannot send headers; the gateway reads
 * the token from there too); without a token the URL is left as it is.
 */
export function withAccessToken(url: string, token: string | undefined): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}
