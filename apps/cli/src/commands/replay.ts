import { Presets, SingleBar } from 'cli-progress';
import type { TandemConfig } from '@tandem/config';
import { openReadModelDatabase } from '@tandem/persistence';
import { LATEST_DEFINITIONS_VERSION, parseDefinitionsVersion, ProjectionError, projectionStoreOf, replayGeneration } from '@tandem/projections';
import { createInfrastructure } from '@tandem/runtime';
import { UserError } from '../exit-codes';

export interface ReplayCommandOptions {
  /** `vN` or `N`: the definitions version the new generation computes by default. */
  definitions?: string;
}

/**
 * `tandem replay [--definitions vN]`: rebuilds the KPI read models from the first event into a
 * new generation beside the live one (which keeps answering, and a running projector keeps
 * feeding), swaps to it once it has caught up, and drops the old one. Progress on stderr.
 */
export async function replay(config: TandemConfig, options: ReplayCommandOptions, stream: NodeJS.WritableStream = process.stderr): Promise<string> {
  const definitionsVersion = definitionsOf(options.definitions);
  const infrastructure = await createInfrastructure(config, 'replay');
  const database = await openReadModelDatabase(config, { logger: infrastructure.logger });
  // noTTYOutput: a replay run by a job runner still logs its progress (every 5 s, and at the end).
  const progress = new SingleBar(
    { stream, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000, format: 'replay {bar} {percentage}% | position {value}/{total}' },
    Presets.shades_classic,
  );
  const started = performance.now();
  try {
    progress.start(await infrastructure.eventStore.headPosition(), 0);
    const result = await replayGeneration({
      eventStore: infrastructure.eventStore,
      store: projectionStoreOf(database),
      logger: infrastructure.logger.child({ component: 'replay' }),
      definitionsVersion,
      onProgress: (position, head) => {
        progress.setTotal(head);
        progress.update(position);
      },
    });
    progress.stop();
    const seconds = (performance.now() - started) / 1_000;
    const retired = result.retired.length > 0 ? `; generation ${result.retired.join(', ')} retired and dropped` : '';
    return (
      `replayed ${result.events.toLocaleString('en-US')} events into generation ${result.generation} (definitions v${result.definitionsVersion}) ` +
      `up to position ${result.position.toLocaleString('en-US')} in ${seconds.toFixed(1)} s; it is now active${retired}`
    );
  } finally {
    progress.stop();
    await database.destroy();
    await infrastructure.close();
  }
}

function definitionsOf(text: string | undefined): number {
  if (text === undefined) return LATEST_DEFINITIONS_VERSION;
  try {
    return parseDefinitionsVersion(text);
  } catch (error) {
    if (error instanceof ProjectionError) throw new UserError(`--definitions: ${error.message}`);
    throw error;
  }
}
