import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import { PermanentDeliveryError, RetryableDeliveryError, type DeliveryError } from '../delivery-errors';

export interface EmailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

export interface EmailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: readonly EmailAttachment[];
}

export interface EmailSent {
  messageId: string;
  accepted: string[];
  /** Recipients the server refused while accepting others (all refused: a PermanentDeliveryError). */
  rejected: string[];
}

export interface EmailClientOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  smtpUrl: string;
  /** The sender, e.g. `Tandem <tandem@example.com>`. */
  from: string;
  timeoutMs?: number;
}

/** Errors with no SMTP reply that a later attempt can get past: the connection, not the message. */
const RETRYABLE_WITHOUT_REPLY = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY', 'EMAXLIMIT']);

/**
 * Sends email over SMTP with nodemailer, one message per call (a fresh connection each time:
 * reports go out a few times a week, a pool would only hold sockets open).
 */
export class EmailClient {
  private readonly transport: Transporter;

  constructor(private readonly options: EmailClientOptions) {
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.transport = createTransport({ url: options.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(message: EmailMessage): Promise<EmailSent> {
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        attachments: (message.attachments ?? []).map((attachment) => ({ ...attachment })),
      });
      return { messageId: String(info.messageId), accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) };
    } catch (error) {
      throw smtpDeliveryError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * RFC 5321: a 4yz reply is transient and a 5yz permanent (nodemailer sets `permanent` from the
 * reply, 503 counting as transient); with no reply, only connection failures are worth retrying.
 * A bad password (535) or a refused sender or recipient (550, 553) stays refused.
 */
export function smtpDeliveryError(error: unknown): DeliveryError {
  const smtp = (error ?? {}) as NodemailerError;
  const code = smtp.code ?? 'unknown_error';
  const reply = smtp.responseCode !== undefined ? ` (SMTP ${smtp.responseCode}${smtp.response ? `: ${smtp.response}` : ''})` : '';
  const message = `SMTP delivery failed: ${code}${reply}`;
  const retryable = smtp.permanent !== undefined ? !smtp.permanent : RETRYABLE_WITHOUT_REPLY.has(code);
  return retryable ? new RetryableDeliveryError('email', code, message, { cause: error }) : new PermanentDeliveryError('email', code, message, { cause: error });
}
