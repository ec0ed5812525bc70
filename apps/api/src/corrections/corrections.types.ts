import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';

@ObjectType({ description: "A correction of an incident, recorded as an event on it: the KPIs follow once the projector has read it." })
export class IncidentCorrection {
  @Field(() => ID, { description: 'The id of the correction event.' })
  eventId!: string;

  @Field(() => ID, { description: "The incident's key (Incident.key)." })
  incident!: string;

  @Field(() => String, { description: 'IncidentImpactCorrected, IncidentMarkedNotChangeCaused or IncidentLinkedToDeployment.' })
  event!: string;

  @Field(() => Boolean, { description: 'False when the same correction was already the latest of its kind (a repeated submission): nothing was appended.' })
  appended!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the correction was made.' })
  occurredAt!: Date;
}
