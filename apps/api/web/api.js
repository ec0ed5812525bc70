// The page's only way to Tandem: GraphQL over `/graphql` with the bearer token, and graphql-ws on
// the same path for live updates (graphql-ws's own browser build, loaded by index.html).

const GRAPHQL_PATH = '/graphql';

/** A GraphQL error with its stable code (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED …), said plainly. */
export class ApiError extends Error {
  constructor(code, message, { retryAfterSeconds } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The sentence the page shows. */
  get plain() {
    switch (this.code) {
      case 'UNAUTHENTICATED':
        return 'Tandem did not accept this token: it may be mistyped, revoked, or from another Tandem. Sign in with a valid token.';
      case 'FORBIDDEN':
        return `This token may not see this: ${this.message}.`;
      case 'RATE_LIMITED':
        return `Too many requests with this token: Tandem asks to wait ${this.retryAfterSeconds ?? 'a few'} s before trying again.`;
      case 'NETWORK':
        return `Tandem cannot be reached (${this.message}). Is the server running?`;
      case 'UNAVAILABLE_FIELD':
        return 'This Tandem does not offer this yet.';
      default:
        return `Tandem answered with an error (${this.code}): ${this.message}`;
    }
  }
}

/** A field this server's schema does not have: the page then shows that part as not available. */
function isUnknownField(error) {
  return error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /Cannot query field|Unknown argument|Unknown type/.test(error.message ?? '');
}

export function errorOf(body, status, headers) {
  const first = body?.errors?.[0];
  if (first && body.errors.every(isUnknownField)) return new ApiError('UNAVAILABLE_FIELD', first.message);
  const retryAfter = Number(headers.get('retry-after'));
  const code = first?.extensions?.code ?? (status === 429 ? 'RATE_LIMITED' : status === 401 ? 'UNAUTHENTICATED' : `HTTP_${status}`);
  return new ApiError(code, first?.message ?? `HTTP ${status}`, { retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined });
}

/**
 * A client for one token. `onUnauthenticated` is called when the server refuses the token (revoked
 * since sign-in), so that the page can sign out.
 */
export function createApi(token, { onUnauthenticated = () => {} } = {}) {
  let live;
  let connected = false;
  // The newest subscriber hears the connection's status (the page has one live section).
  let statusListener = () => {};

  async function query(document, variables = {}) {
    const operationName = /^\s*(?:query|mutation)\s+(\w+)/.exec(document)?.[1];
    let response;
    try {
      response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: document, variables, operationName }),
      });
    } catch (failure) {
      throw new ApiError('NETWORK', failure.message);
    }
    const body = await response.json().catch(() => undefined);
    if (!response.ok || !body || body.errors?.length > 0 || body.data === null) {
      const error = errorOf(body, response.status, response.headers);
      if (error.code === 'UNAUTHENTICATED') onUnauthenticated(error);
      throw error;
    }
    return body.data;
  }

  /** The graphql-ws client, made on the first subscription. */
  function liveClient() {
    if (live) return live;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`;
    live = globalThis.graphqlWs.createClient({
      url,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: Infinity,
      // A server restart is retried for ever; a refusal (4401 unauthorized, 4403 forbidden …) is final.
      shouldRetry: (closed) => !(closed?.code >= 4400 && closed?.code < 4500),
      on: {
        connected: () => {
          connected = true;
          statusListener('live');
        },
        closed: () => {
          connected = false;
          statusListener('reconnecting');
        },
      },
    });
    return live;
  }

  /** Calls `onData(data)` for each event and `onStatus('live' | 'reconnecting')`; returns the unsubscribe function. */
  function subscribe(document, variables, { onData, onError, onStatus }) {
    statusListener = onStatus;
    if (connected) onStatus('live');
    return liveClient().subscribe(
      { query: document, variables },
      {
        next: (result) => (result.errors?.length ? onError(errorOf(result, 200, new Headers())) : onData(result.data)),
        error: (failure) => onError(Array.isArray(failure) ? errorOf({ errors: failure }, 200, new Headers()) : new ApiError('NETWORK', failure?.reason || failure?.message || 'the live connection closed')),
        complete: () => {},
      },
    );
  }

  function dispose() {
    void live?.dispose();
    live = undefined;
  }

  return { query, subscribe, dispose };
}
