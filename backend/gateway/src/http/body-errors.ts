import type { FastifyInstance, FastifyRequest } from 'fastify';

/** `100kb`, `1mb`, `2048`: the body limit as configured (BODY_LIMIT), in bytes. */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i.exec(text);
  if (!match) throw new Error(`BODY_LIMIT must look like 100kb, 1mb or 2048, got "${text}"`);
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  return Math.floor(Number(match[1]) * unit);
}

/**
 * Bodies are JSON only: Fastify's JSON parser stays (with the adapter's `bodyLimit`), its text/plain
 * parser goes, so any other content type is refused with 415 before a route runs.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
}

/**
 * Errors Fastify raises before a route runs, as a status and a message that names the problem: malformed
 * JSON (400), a body over the limit (413), a body that is not JSON (415), and its other 4xx rejections.
 */
export function clientErrorFromFastify(
  exception: unknown,
  req: FastifyRequest,
): { statusCode: number; message: string } | undefined {
  const err = exception as { code?: unknown; statusCode?: unknown; message?: string } | null;
  if (typeof err?.code !== 'string' || !err.code.startsWith('FST_')) return undefined;
  const statusCode = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (statusCode >= 500) return undefined;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode,
        message: `Request body is larger than the ${req.routeOptions.bodyLimit} byte limit`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode,
        message: `Content-Type must be application/json, got "${req.headers['content-type'] ?? 'none'}"`,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode, message: 'Malformed JSON body: the body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { statusCode, message: 'Malformed JSON body: it is not valid JSON' };
    default:
      return { statusCode, message: err.message ?? `Bad request (${err.code})` };
  }
}
