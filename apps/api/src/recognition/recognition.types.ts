import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, PageArgs } from '../graphql/pagination/connection';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { Person } from '../organization/organization.types';

export enum RecognitionKind {
  KUDOS = 'KUDOS',
  AUTOMATIC = 'AUTOMATIC',
}
registerEnumType(RecognitionKind, { name: 'RecognitionKind', description: 'KUDOS: given by a person. AUTOMATIC: a versioned rule recognized people or teams.' });

@ObjectType({ description: 'What a recognition is for: an incident, a pull request, a post-mortem, an action item, an on-call shift.' })
export class RecognitionEvidence {
  @Field(() => String, { description: 'incident, pull_request, postmortem, action_item or on_call_shift.' })
  kind!: string;

  @Field(() => String, { description: "Its key in Tandem's metric model (e.g. incident:pagerduty:P1), as `explain` shows it." })
  id!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true, description: "A link to it in the vendor's tool, where Tandem can tell." })
  url!: string | null;
}

@ObjectType({ description: 'An item of the recognition feed: kudos between people, or an automatic recognition of people or teams.' })
export class Recognition {
  @Field(() => ID)
  id!: string;

  @Field(() => RecognitionKind)
  kind!: RecognitionKind;

  @Field(() => String, { nullable: true, description: 'The rule of an automatic recognition (first_responder, bridge_builder, …).' })
  rule!: string | null;

  @Field(() => Int, { nullable: true, description: "The rule's version." })
  ruleVersion!: number | null;

  @Field(() => Person, { nullable: true, description: 'Who gave the kudos; none for an automatic recognition.' })
  from!: Person | null;

  @Field(() => [Person], { description: 'Who is recognized; empty for a team recognition (see teams).' })
  to!: Person[];

  @Field(() => String, { nullable: true, description: 'The kudos reason, as written; none for an automatic recognition (see sentence).' })
  message!: string | null;

  @Field(() => String, { description: 'The item as one sentence, e.g. "payments and sre restored checkout together in 18 min".' })
  sentence!: string;

  @Field(() => [String], { description: 'Slugs of the teams involved (of the giver and recipients, or the recognized teams).' })
  teams!: string[];

  @Field(() => [String], { description: 'Company values the kudos carries (#ownership).' })
  values!: string[];

  @Field(() => [RecognitionEvidence], { description: 'What it is for. Never who caused an incident.' })
  evidence!: RecognitionEvidence[];

  @Field(() => [String], { description: 'The events that satisfied the rule, or the chat event of a kudos ("explain this recognition").' })
  evidenceEventIds!: string[];

  @Field(() => Int, { description: 'Reactions to the item.' })
  reactions!: number;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;
}

@ObjectType()
export class RecognitionConnection extends Connection(Recognition) {}

@ObjectType({ description: "One team's recognition over a window. Teams only: there is no count per person anywhere (recognition is not a score)." })
export class RecognitionTeamTotal {
  @Field(() => String, { description: "The team's slug." })
  team!: string;

  @Field(() => Boolean, { description: 'Privacy: a team below the minimum group size (at the end of the window) gets no counts, as KPIs.' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Kudos given by members of the team (as of each kudos).' })
  kudosGiven!: number | null;

  @Field(() => Int, { nullable: true, description: 'Kudos with at least one recipient in the team, each counted once.' })
  kudosReceived!: number | null;

  @Field(() => Int, { nullable: true, description: 'Automatic recognitions of members (as of the award; not of people who opted out), each counted once.' })
  automaticRecognitions!: number | null;

  @Field(() => Int, { nullable: true, description: 'Team recognitions naming the team ("payments and sre restored checkout together").' })
  teamRecognitions!: number | null;
}

@ArgsType()
export class RecognitionTotalsArgs {
  @Field(() => DateTimeScalar, { description: 'Start of the window (included).' })
  since!: Date;

  @Field(() => DateTimeScalar, { description: 'End of the window (excluded).' })
  until!: Date;
}

@ArgsType()
export class RecognitionFeedArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "A team's slug: items involving the team." })
  team?: string | null;

  @Field(() => String, { nullable: true, description: "A person's id: kudos they gave or received, and their recognitions." })
  person?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only items at or after this instant.' })
  since?: Date | null;
}
