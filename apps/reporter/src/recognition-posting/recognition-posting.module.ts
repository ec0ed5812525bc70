import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { TandemConfig } from '@tandem/config';
import { loadOrganizationFile } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import type { Jobs } from '@tandem/jobs';
import type { Logger } from '@tandem/observability';
import { PROJECTION_STORE, ProjectionsModule, type ProjectionStore } from '@tandem/projections';
import { CONFIG, EVENT_STORE, JOBS, LOGGER } from '@tandem/runtime';
import { postingSetup } from './posting-setup';
import { RecognitionPoster } from './recognition-poster';

/**
 * Posting back (optional per organisation): when tandem.yaml has `recognition.postTo` and the
 * credentials are set, new recognitions are posted to Slack and Teams through background jobs
 * (RecognitionPoster). Reads tandem.yaml (TANDEM_CONFIG) at start; with no destination it does
 * nothing but say so.
 */
@Module({ imports: [ProjectionsModule] })
export class RecognitionPostingModule implements OnApplicationBootstrap, OnModuleDestroy {
  private poster?: RecognitionPoster;

  constructor(
    @Inject(CONFIG) private readonly config: TandemConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STORE) private readonly store: ProjectionStore,
    @Inject(JOBS) private readonly jobs: Jobs,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const logger = this.logger.child({ component: 'recognition-posting' });
    const postTo = await loadOrganizationFile(this.config.paths.organizationFile).then(
      (model) => model.delivery.recognitionPostTo,
      (error: unknown) => {
        logger.warn({ err: error, file: this.config.paths.organizationFile }, 'organisation file not readable: recognitions are not posted');
        return {};
      },
    );
    const { destinations, clients, problems } = postingSetup(postTo, this.config.notify);
    for (const problem of problems) logger.warn(problem);
    if (!destinations.slack && !destinations.teams) {
      logger.info('recognition posting off: no destination configured (recognition.postTo)');
      return;
    }
    this.poster = new RecognitionPoster({ eventStore: this.eventStore, store: this.store, jobs: this.jobs, destinations, clients, logger });
    // Not awaited: the poster catches up while the process serves.
    this.poster.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.poster?.stop();
  }
}
