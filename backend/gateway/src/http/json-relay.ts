import { Header, applyDecorators } from '@nestjs/common';

/**
 * For routes that hand an instance's answer to the client unchanged (catalogue reads, the cart): the route returns the JSON bytes
 * from `RpcClient.callRaw` and this sets their content type, so the gateway neither parses nor
 * re-serializes the body (for a catalogue page that was a fifth of the gateway's CPU per request). The
 * response schema is still declared for Swagger with `@ApiOkResponse`.
 */
export function RelaysJson(): MethodDecorator {
  return applyDecorators(Header('Content-Type', 'application/json; charset=utf-8'));
}

/** The reply bytes as a Buffer without copying them. */
export function jsonBody(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
