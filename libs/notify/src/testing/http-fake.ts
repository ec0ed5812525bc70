import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake received, as the vendor would have seen it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  raw: string;
  /** When it arrived (epoch ms): retries are judged by the gaps between requests. */
  at: number;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port, so clients are tested over real sockets. Each
 * vendor fake supplies `answer`, which decides the reply to one request.
 */
export class HttpFake {
  readonly requests: ReceivedRequest[] = [];
  private server?: Server;
  private port = 0;

  constructor(private readonly answer: (request: ReceivedRequest) => FakeReply) {}

  get origin(): string {
    if (!this.server) throw new Error('the fake is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const received: ReceivedRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, json: parseJson(raw), raw, at: Date.now() };
    this.requests.push(received);
    const reply = this.answer(received);
    response.writeHead(reply.status, reply.headers ?? {});
    response.end(reply.body ?? '');
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * What every vendor fake shares: the HTTP server, the requests it received (accepted or not), and
 * the failures a test scripts ahead, used once each in order (when none is left, the fake behaves
 * normally). A fake supplies `answer`, and takes the next scripted reply where the vendor would fail.
 */
export abstract class ScriptedHttpFake<Scripted> {
  protected readonly http = new HttpFake((request) => this.answer(request));
  private readonly scripted: Scripted[] = [];

  /** Every request it received, accepted or not. */
  get requests(): readonly ReceivedRequest[] {
    return this.http.requests;
  }

  script(...replies: Scripted[]): void {
    this.scripted.push(...replies);
  }

  start(): Promise<void> {
    return this.http.start();
  }

  close(): Promise<void> {
    return this.http.close();
  }

  protected nextScripted(): Scripted | undefined {
    return this.scripted.shift();
  }

  protected abstract answer(request: ReceivedRequest): FakeReply;
}
