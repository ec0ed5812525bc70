import { FakeSmtpServer } from '@tandem/notify-testing';
import { PermanentDeliveryError, RetryableDeliveryError } from '../delivery-errors';
import { EmailClient } from './email-client';

const FROM = 'Tandem <tandem@example.com>';

describe('EmailClient against a local SMTP server', () => {
  const smtp = new FakeSmtpServer({ user: 'tandem', pass: 's3cret p@ss' });
  let client: EmailClient;

  beforeAll(async () => {
    await smtp.start();
    client = new EmailClient({ smtpUrl: smtp.url, from: FROM, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    client.close();
    await smtp.close();
  });

  it('authenticates and delivers text, HTML and an attachment', async () => {
    const sent = await client.send({
      to: ['lead@example.com', 'cto@example.com'],
      subject: 'Tandem weekly report',
      text: 'Time to restore fell to 41 min.',
      html: '<p>Time to restore fell to 41 min.</p>',
      attachments: [{ filename: 'report.md', content: '# Weekly report\n', contentType: 'text/markdown' }],
    });

    expect(sent.accepted).toEqual(['lead@example.com', 'cto@example.com']);
    expect(sent.rejected).toEqual([]);
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    const received = smtp.received.at(-1)!;
    expect(received.from).toBe('tandem@example.com');
    expect(received.to).toEqual(['lead@example.com', 'cto@example.com']);
    expect(received.raw).toContain('Subject: Tandem weekly report');
    expect(received.raw).toContain('Time to restore fell to 41 min.');
    expect(received.raw).toContain('filename=report.md');
  });

  it('reports a transient refusal (4yz) as retryable and a permanent one (5yz) as permanent', async () => {
    smtp.script({ stage: 'data', code: 451, message: 'Local error in processing' });
    const transient = await client.send({ to: ['lead@example.com'], subject: 's', text: 't' }).catch((caught: unknown) => caught);
    expect(transient).toBeInstanceOf(RetryableDeliveryError);
    expect(transient).toMatchObject({ channel: 'email', code: 'EMESSAGE', message: expect.stringContaining('SMTP 451') });

    smtp.script({ stage: 'rcpt', code: 550, message: 'No such user' });
    const refused = await client.send({ to: ['nobody@example.com'], subject: 's', text: 't' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(PermanentDeliveryError);
    expect(refused).toMatchObject({ code: 'EENVELOPE', message: expect.stringContaining('550') });
  });

  it('delivers to the accepted recipients and lists the refused one', async () => {
    smtp.script({ stage: 'rcpt', code: 550, message: 'No such user' });
    const sent = await client.send({ to: ['gone@example.com', 'lead@example.com'], subject: 'partial', text: 't' });
    expect(sent).toMatchObject({ accepted: ['lead@example.com'], rejected: ['gone@example.com'] });
    expect(smtp.received.at(-1)!.to).toEqual(['lead@example.com']);
  });

  it('reports wrong credentials as permanent', async () => {
    const url = new URL(smtp.url);
    url.password = 'wrong';
    const wrong = new EmailClient({ smtpUrl: url.toString(), from: FROM, timeoutMs: 5_000 });
    try {
      await expect(wrong.send({ to: ['lead@example.com'], subject: 's', text: 't' })).rejects.toMatchObject({ code: 'EAUTH', retryable: false });
    } finally {
      wrong.close();
    }
  });

  it('reports a refused connection as retryable', async () => {
    const down = new EmailClient({ smtpUrl: 'smtp://127.0.0.1:1', from: FROM, timeoutMs: 2_000 });
    try {
      await expect(down.send({ to: ['lead@example.com'], subject: 's', text: 't' })).rejects.toMatchObject({ retryable: true });
    } finally {
      down.close();
    }
  });
});
