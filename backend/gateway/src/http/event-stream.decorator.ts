import { SetMetadata, Sse, applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiQuery } from '@nestjs/swagger';

/** Metadata key marking a route as a server-sent event stream (the only routes that read `?access_token=`). */
export const EVENT_STREAM = 'shop:event-stream';

/**
 * A server-sent event route: Nest's `@Sse`, documented as `text/event-stream`, and the one kind of route that
 * accepts the access token as `?access_token=` (a browser's EventSource cannot send an Authorization header).
 * Every other route refuses a token in its query string (see QueryTokenGuard).
 */
export function EventStream(path: string): MethodDecorator {
  return applyDecorators(
    Sse(path),
    SetMetadata(EVENT_STREAM, true),
    ApiProduces('text/event-stream'),
    ApiQuery({
      name: 'access_token',
      required: false,
      description:
        'The access token, for EventSource clients that cannot send `Authorization: Bearer`. Accepted on ' +
        'event streams only; never logged.',
    }),
  );
}
