import { ApiErrorBody } from '@shop/contracts';
import { HostileCase, HostileRequest } from './hostile-cases';

/** Who sends a request: anonymous, or with this Authorization header. */
export interface Identity {
  name: string;
  authorization?: string;
}

export interface SweepAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Sends one request and reads its answer; an event stream that opened is closed at once (its status and
 * content type are the answer). A request without an answer within `timeoutMs` counts as status 0.
 */
export async function sendHostile(
  baseUrl: string,
  req: HostileRequest,
  identity: Identity,
  timeoutMs = 15_000,
): Promise<SweepAnswer> {
  const headers = new Headers(req.headers);
  if (identity.authorization) headers.set('authorization', identity.authorization);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(`${baseUrl}${req.path}`, {
      method: req.method,
      headers,
      body: req.body,
      redirect: 'manual',
      signal: abort.signal,
    });
    const contentType = res.headers.get('content-type') ?? '';
    if (contentType.includes('text/event-stream')) {
      abort.abort();
      return { status: res.status, contentType, text: '' };
    }
    return { status: res.status, contentType, text: await res.text() };
  } catch (err) {
    if (abort.signal.aborted) return { status: 0, contentType: '', text: `no answer within ${timeoutMs} ms` };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** What the message of an error with this status must talk about, when no field is named. */
const MESSAGE_BY_STATUS: Record<number, RegExp> = {
  401: /authenticat|token|session|sign|password/i,
  403: /role|admin|forbidden|not allowed/i,
  413: /larger than/i,
  415: /content-type/i,
  429: /too many|retry/i,
};

/**
 * Why this answer breaks the rules, or undefined when it keeps them: never a 5xx or no answer; a refusal is a
 * JSON error body whose message names the problem; a request that breaks the documented schema is never
 * accepted. A 400 names the field or parameter made hostile, unless what was put there is allowed and the
 * operation's baseline request was itself refused (then the message is about the baseline's problem).
 */
export function judge(c: HostileCase, answer: SweepAnswer, baselineAccepted = true): string | undefined {
  const { status } = answer;
  if (status === 0) return answer.text;
  if (status >= 500) return `answered ${status}: ${answer.text.slice(0, 300)}`;
  if (status < 300)
    return c.mustRefuse ? `accepted (${status}) a request the document does not allow` : undefined;
  if (status < 400) return `answered ${status}`;
  let body: ApiErrorBody;
  try {
    body = JSON.parse(answer.text) as ApiErrorBody;
  } catch {
    return `answered ${status} without a JSON error body: ${answer.text.slice(0, 200)}`;
  }
  if (body.statusCode !== status || typeof body.code !== 'string' || !body.correlationId)
    return `answered ${status} with a body that is not an API error: ${answer.text.slice(0, 200)}`;
  if (typeof body.message !== 'string' || body.message.trim().length < 8)
    return `answered ${status} without a message that says what is wrong: ${answer.text.slice(0, 200)}`;
  const message = body.message.toLowerCase();
  const mustName = c.names.length > 0 && (c.mustRefuse || baselineAccepted);
  if (status === 400 && mustName && !c.names.some((n) => message.includes(n.toLowerCase().slice(0, 60))))
    return `answered 400 without naming ${c.names.slice(0, 2).join(' or ')}: ${body.message.slice(0, 200)}`;
  const expected = MESSAGE_BY_STATUS[status];
  if (expected && !expected.test(body.message))
    return `answered ${status} with a message that does not say why: ${body.message.slice(0, 200)}`;
  return undefined;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inPool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** Counts answers by status, for the summary line. */
export class StatusTally {
  private readonly counts = new Map<number, number>();
  total = 0;

  add(status: number): void {
    this.total++;
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
  }

  count(predicate: (status: number) => boolean): number {
    let n = 0;
    for (const [status, c] of this.counts) if (predicate(status)) n += c;
    return n;
  }

  toString(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status || 'no answer'}: ${n}`)
      .join(', ');
  }
}
