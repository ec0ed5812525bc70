import { RetryableDeliveryError, type DeliveryChannel } from '../delivery-errors';

/** What a vendor answered: the status, the headers the clients read, and the body as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export interface PostJsonOptions {
  channel: DeliveryChannel;
  headers?: Record<string, string>;
  /** The whole exchange, connect to last byte (default 10 s): a hung vendor must not hold a worker. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * POSTs a JSON body with Node's fetch and reads the whole answer. Whatever the status, it resolves
 * with the answer (each client reads its vendor's statuses its own way); a connection that fails
 * or a timeout is a RetryableDeliveryError, since nothing says the vendor saw the request.
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<HttpAnswer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch (error) {
    // Duck-typed: fetch's errors may come from another realm (jest), where `instanceof Error` fails.
    const name = (error as { name?: unknown } | null)?.name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const target = new URL(url).host;
    throw new RetryableDeliveryError(
      options.channel,
      timedOut ? 'timeout' : 'network',
      timedOut ? `no answer from ${target} within ${timeoutMs} ms` : `could not reach ${target}: ${causeOf(error)}`,
      { cause: error },
    );
  }
}

/** fetch reports "fetch failed" and hides the reason (ECONNREFUSED …) in `cause`. */
function causeOf(error: unknown): string {
  const failure = error as { cause?: { code?: string; message?: string }; message?: string } | null;
  return failure?.cause?.code ?? failure?.cause?.message ?? failure?.message ?? String(error);
}
