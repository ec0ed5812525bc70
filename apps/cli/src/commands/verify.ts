import type { Command } from 'commander';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { verifySnapshotFile } from '@tandem/reports';
import { UserError } from '../exit-codes';
import { reportErrorsAsUserErrors, signingKeyOf } from './export';

/**
 * `tandem verify FILE`: exit 0 when FILE (a snapshot export: .json, or .csv/.parquet with its
 * .sig.json) is byte for byte as exported and signed with the configured key; exit 1 with one
 * sentence saying which it is not.
 */
export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .argument('<file>', 'a snapshot written by tandem export (.json, .csv or .parquet, with its .sig.json beside it)')
    .description('Check that a KPI snapshot was not modified after export (digest) and was signed with the configured key (TANDEM_SNAPSHOT_SIGNING_KEY).')
    .action(async (file: string) => {
      process.stdout.write(`${await verifySnapshot(loadConfig(), file)}\n`);
    });
}

export async function verifySnapshot(config: TandemConfig, file: string): Promise<string> {
  const signing = signingKeyOf(config, 'verify');
  const verdict = await reportErrorsAsUserErrors(() => verifySnapshotFile(file, signing.key));
  switch (verdict.status) {
    case 'valid': {
      const { header, digest, signature, values } = verdict.snapshot;
      return `${file} is intact and signed with key ${signature.keyId}: ${values.length} values for [${header.window.from}, ${header.window.to}) as of ${header.asOf}, event-store position ${header.eventStorePosition}, digest sha256:${digest.value}.`;
    }
    case 'digest_mismatch':
      throw new UserError(`${file} was modified after export (digest mismatch).`);
    case 'signature_mismatch': {
      const keys = verdict.keyId === signing.keyId ? `key id ${verdict.keyId}, but another key` : `key ${verdict.keyId}, the configured one is ${signing.keyId}`;
      throw new UserError(`${file}: signature does not match the configured key (signed with ${keys}).`);
    }
    case 'unreadable':
      throw new UserError(`${file} is not a readable Tandem KPI snapshot (${verdict.reason}).`);
  }
}
