import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveryArchiveContract } from '../contract/delivery-archive.contract';
import { SqliteDeliveryArchive } from './sqlite-delivery-archive';

deliveryArchiveContract('SqliteDeliveryArchive', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-archive-'));
  const archive = new SqliteDeliveryArchive({ filename: join(directory, 'webhook-archive.sqlite') });
  return {
    archive,
    async dispose() {
      await archive.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe('SqliteDeliveryArchive', () => {
  it('keeps what it recorded when the file is opened again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-archive-'));
    const filename = join(directory, 'webhook-archive.sqlite');
    const row = {
      source: 'github',
      deliveryId: 'd-1',
      receivedAt: '2026-03-01T10:00:00.000Z',
      correlationId: 'c-1',
      headers: {},
      body: '{}',
      outcome: 'recorded' as const,
    };
    const first = new SqliteDeliveryArchive({ filename });
    await first.record([row]);
    await first.close();

    const reopened = new SqliteDeliveryArchive({ filename });
    expect(await reopened.readPage({}, undefined, 10)).toEqual([row]);
    await reopened.close();
    rmSync(directory, { recursive: true, force: true });
  });
});
