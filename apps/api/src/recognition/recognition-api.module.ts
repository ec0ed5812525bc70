import { Module } from '@nestjs/common';
import { PersistenceModule, READ_MODEL_DATABASE, RecognitionFeedRepository } from '@tandem/persistence';
import type { DataSource } from 'typeorm';
import { OrganizationApiModule } from '../organization/organization-api.module';
import { RecognitionResolver } from './recognition.resolver';

/** `recognitionFeed`, `giveKudos`, `setRecognitionOptOut` and the `recognitionAwarded` subscription. */
@Module({
  imports: [PersistenceModule, OrganizationApiModule],
  providers: [
    { provide: RecognitionFeedRepository, inject: [READ_MODEL_DATABASE], useFactory: (database: DataSource) => new RecognitionFeedRepository(database) },
    RecognitionResolver,
  ],
})
export class RecognitionApiModule {}
