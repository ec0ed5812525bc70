import { Writable } from 'node:stream';
import { createLogger } from './logger';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name and redacts credentials', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'gateway', destination: stream });

    logger.info({ headers: { authorization: 'Bearer abc', 'x-hub-signature-256': 'sha256=dead' }, source: 'github' }, 'received');

    const [line] = lines();
    expect(line).toMatchObject({ service: 'gateway', msg: 'received', source: 'github', level: 30 });
    expect(line.headers).toEqual({ authorization: '[redacted]', 'x-hub-signature-256': '[redacted]' });
    expect(typeof line.time).toBe('string');
  });
});
