import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Bodies are JSON only: Fastify's JSON parser stays (secure-json-parse, with the adapter's `bodyLimit`), its
 * text/plain parser goes, so any other content type is refused with 415 before a route runs. A body the
 * parser refuses is explained: where the JSON breaks, or which key could reach an object prototype.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    // The default parser answers through the callback; its typings also allow a promise.
    void parse(req, text, (err, value) => {
      if (!err) done(null, value);
      else if ((err as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY')
        done(explainJsonError(text), undefined);
      else done(err, undefined);
    });
  });
}

/** Why a JSON body was refused, as Fastify's error code with a message that names the problem. */
function explainJsonError(text: string): Error {
  let message: string;
  try {
    JSON.parse(text);
    const key = /"(__proto__|constructor|prototype)"\s*:/.exec(text)?.[1] ?? '__proto__';
    message = `Malformed JSON body: the key "${key}" is not allowed (it could reach object prototypes)`;
  } catch (err) {
    message = `Malformed JSON body: it is not valid JSON (${(err as Error).message.slice(0, 120)})`;
  }
  return Object.assign(new Error(message), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
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
      return { statusCode, message: err.message ?? 'Malformed JSON body: it is not valid JSON' };
    default:
      return { statusCode, message: err.message ?? `Bad request (${err.code})` };
  }
}
