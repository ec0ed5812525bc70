import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** A message the fake accepted: the SMTP envelope and the raw RFC 5322 text. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * How the fake answers the next message, instead of accepting it: an SMTP reply code at RCPT TO
 * (450 mailbox busy, 550 no such user) or after DATA (451 local error, 552 too large, 554 rejected).
 */
export interface SmtpScriptedReply {
  stage: 'rcpt' | 'data';
  code: number;
  message?: string;
}

export interface FakeSmtpServerOptions {
  /** Required credentials (AUTH PLAIN/LOGIN over the plain connection); wrong ones answer 535. */
  user: string;
  pass: string;
}

/**
 * A local SMTP server (the `smtp-server` package, nodemailer's own) on 127.0.0.1 and a free port,
 * without TLS: it records what it accepts and answers scripted SMTP reply codes.
 */
export class FakeSmtpServer {
  readonly received: ReceivedEmail[] = [];
  private readonly replies: SmtpScriptedReply[] = [];
  private readonly server: SMTPServer;
  private port = 0;

  constructor(private readonly options: FakeSmtpServerOptions) {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.options.user && auth.password === this.options.pass) return callback(null, { user: auth.username });
        callback(smtpError(535, 'Authentication credentials invalid'));
      },
      onRcptTo: (_address, _session, callback) => {
        const reply = this.replies[0]?.stage === 'rcpt' ? this.replies.shift() : undefined;
        callback(reply ? smtpError(reply.code, reply.message ?? 'Recipient refused') : null);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const reply = this.replies[0]?.stage === 'data' ? this.replies.shift() : undefined;
          if (reply) return callback(smtpError(reply.code, reply.message ?? 'Message refused'));
          this.received.push({ from: addressOf(session.envelope.mailFrom), to: session.envelope.rcptTo.map(addressOf), raw: Buffer.concat(chunks).toString('utf8') });
          callback(null);
        });
      },
    });
  }

  /** `smtp://user:pass@127.0.0.1:<port>`, for `EmailClient({ smtpUrl })` or `TANDEM_SMTP_URL`. */
  get url(): string {
    return `smtp://${encodeURIComponent(this.options.user)}:${encodeURIComponent(this.options.pass)}@127.0.0.1:${this.port}`;
  }

  script(...replies: SmtpScriptedReply[]): void {
    this.replies.push(...replies);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function addressOf(address: SMTPServerAddress | false): string {
  return address ? address.address : '';
}
