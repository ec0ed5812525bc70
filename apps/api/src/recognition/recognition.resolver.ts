import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { derivedEventId, newEvent, streamFor, toStoredEvent, CURRENT_SCHEMA_VERSION } from '@tandem/contracts';
import type { EventStore } from '@tandem/eventstore';
import { PUB_SUB, RECOGNITION_AWARDED_TOPIC, type PubSub, type RecognitionPublished } from '@tandem/live-updates';
import { RecognitionFeedRepository, type StoredRecognition } from '@tandem/persistence';
import { decideKudos, feedItemOf, KudosLedger } from '@tandem/recognition';
import { recognitionTotalsOf } from './recognition-totals';
import { EVENT_STORE } from '@tandem/runtime';
import type { ApiContext } from '../context/api-context';
import { badUserInput, forbidden } from '../graphql/errors/api-errors';
import { pageRequest, toConnection } from '../graphql/pagination/connection';
import { decodeCursor, encodeCursor } from '../graphql/pagination/cursor';
import { DirectoryService } from '../organization/directory.service';
import { recognitionOf } from './recognition-items';
import { Recognition, RecognitionConnection, RecognitionFeedArgs, RecognitionTeamTotal, RecognitionTotalsArgs } from './recognition.types';

const FEED = 'recognitions';
const DAY_MS = 86_400_000;

function afterOf(cursor: string | undefined): { occurredMs: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [occurredMs, id] = decodeCursor(FEED, cursor);
  if (typeof occurredMs !== 'number' || typeof id !== 'string') throw badUserInput('after: not a cursor of this list (pass on the endCursor you were given)');
  return { occurredMs, id };
}

/** The person a token acts for; kudos and opt-outs are a person's own. */
function personOf(context: ApiContext, what: string): string {
  if (context.viewer.personId === undefined) throw forbidden(`${what} acts as a person, and this token was not issued to one: use a token issued to you (its person is set when the token is created).`);
  return context.viewer.personId;
}

/** A subscription's queue, filtered and mapped; ending it (the client unsubscribes) ends the queue at once. */
function mapped<In, Out>(source: AsyncIterableIterator<In>, map: (value: In) => Promise<Out | null>): AsyncIterableIterator<Out> {
  return {
    async next() {
      for (;;) {
        const next = await source.next();
        if (next.done) return { value: undefined, done: true };
        const value = await map(next.value);
        if (value !== null) return { value, done: false };
      }
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The recognition feed (every role: recognition is public inside the organisation), giving kudos
 * and opting out as the token's person, and new items live. The feed is the projector's read
 * model; what a mutation appends reaches it through the event store.
 */
@Resolver(() => Recognition)
export class RecognitionResolver {
  constructor(
    @Inject(RecognitionFeedRepository) private readonly feed: RecognitionFeedRepository,
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
  ) {}

  @Query(() => RecognitionConnection, { description: 'Kudos and automatic recognitions, newest first. No ranking of people: recognition is not a score.' })
  async recognitionFeed(@Args({ type: () => RecognitionFeedArgs }) args: RecognitionFeedArgs): Promise<RecognitionConnection> {
    const request = pageRequest(args);
    const after = afterOf(request.after);
    const since = args.since ?? undefined;
    const rows = await this.feed.feed({
      limit: request.limit + 1,
      ...(after ? { after } : {}),
      ...(args.team ? { team: args.team } : {}),
      ...(args.person ? { person: args.person } : {}),
      ...(since ? { sinceMs: since.getTime() } : {}),
    });
    const directory = this.directory.current();
    return toConnection(
      rows,
      request,
      (row) => recognitionOf(row, directory),
      (row) => encodeCursor(FEED, [row.occurredMs, row.id]),
    );
  }

  @Query(() => [RecognitionTeamTotal], {
    description: 'Kudos and automatic recognitions counted per team over [since, until), every team of the organisation by slug. There is no leaderboard of people.',
  })
  async recognitionTotals(@Args({ type: () => RecognitionTotalsArgs }) args: RecognitionTotalsArgs): Promise<RecognitionTeamTotal[]> {
    if (!(args.since.getTime() < args.until.getTime())) throw badUserInput('since must be before until', { argument: 'until' });
    const items = await this.feed.itemsBetween(args.since.getTime(), args.until.getTime());
    return recognitionTotalsOf(items, this.directory.current(), { from: args.since.toISOString(), to: args.until.toISOString() });
  }

  @Mutation(() => Recognition, {
    description:
      'Kudos from the token\'s person to people of tandem.yaml. Refused (BAD_USER_INPUT, extensions.refusal: SELF_KUDOS, BOT, UNKNOWN_PERSON, NO_RECIPIENT, EMPTY_MESSAGE, UNKNOWN_VALUE, DAILY_LIMIT, SELF_DEALING) with nothing recorded. Retrying the same request (same x-correlation-id) gives the same kudos once.',
  })
  async giveKudos(
    @Args('to', { type: () => [String], description: "People's ids." }) to: string[],
    @Args('message', { type: () => String, description: 'What it is for.' }) message: string,
    @Args('values', { type: () => [String], nullable: true, description: "Company values (as configured in tandem.yaml's recognition.values)." }) values: string[] | null,
    @Context() context: ApiContext,
  ): Promise<Recognition> {
    const fromPersonId = personOf(context, 'giveKudos');
    const directory = this.directory.current();
    const now = Date.now();
    // The self-dealing window, and at least the two days a calendar day of any time zone can touch.
    const windowDays = Math.max(directory.settings.recognition.selfDealingWindowDays, 2);
    const given = await this.feed.kudosGivenBy([fromPersonId, ...to], now - windowDays * DAY_MS);
    const history = new KudosLedger();
    for (const kudos of given) history.record(kudos);
    const decision = decideKudos(
      { origin: 'api', requestId: context.correlationId, fromPersonId, to, message, ...(values ? { values } : {}), at: new Date(now).toISOString(), correlationId: context.correlationId },
      { directory, history },
    );
    if (decision.outcome === 'refused') throw badUserInput(decision.reason, { refusal: decision.code });
    if (decision.outcome === 'ignored') throw badUserInput(decision.reason);
    await this.eventStore.append(decision.streamId, [toStoredEvent(decision.event)]);
    context.logger.info({ kudosId: decision.kudosId, from: fromPersonId, to: decision.data.toPersonIds }, 'kudos given through the API');
    const item = feedItemOf(decision.event, directory);
    if (item === null) throw new Error(`kudos ${decision.kudosId} has no feed item`);
    const stored: StoredRecognition = {
      ...item,
      rule: null,
      ruleVersion: null,
      from: fromPersonId,
      evidence: { links: {}, eventIds: [] },
      occurredMs: Date.parse(item.occurredAt),
      globalPosition: 0,
      hidden: false,
      reactions: 0,
    };
    return recognitionOf(stored, directory);
  }

  @Mutation(() => Boolean, {
    description: "Opts the token's person out of automatic recognitions (true) or back in (false); their earlier ones leave the feed or come back. Kudos from colleagues stay. Returns the new setting.",
  })
  async setRecognitionOptOut(@Args('optOut', { type: () => Boolean }) optOut: boolean, @Context() context: ApiContext): Promise<boolean> {
    const personId = personOf(context, 'setRecognitionOptOut');
    if (!this.directory.current().person(personId)) throw badUserInput(`"${personId}" is not a person in tandem.yaml.`);
    const event = newEvent(
      'RecognitionOptOutChanged',
      { personId, optedOut: optOut, changedBy: personId },
      { occurredAt: new Date().toISOString(), source: 'api', schemaVersion: CURRENT_SCHEMA_VERSION, correlationId: context.correlationId },
      derivedEventId('recognition-opt-out', personId, context.correlationId, String(optOut)),
    );
    await this.eventStore.append(streamFor.person(personId), [toStoredEvent(event)]);
    context.logger.info({ personId, optOut }, 'recognition opt-out changed');
    return optOut;
  }

  @Subscription(() => Recognition, {
    description: 'Each new item of the feed, as it is stored (kudos and automatic recognitions); with `team`, those involving the team.',
    resolve: (item: Recognition) => item,
  })
  async recognitionAwarded(@Args('team', { type: () => String, nullable: true }) team: string | null): Promise<AsyncIterableIterator<Recognition>> {
    const published = await this.pubSub.subscribe<RecognitionPublished>(RECOGNITION_AWARDED_TOPIC);
    return mapped(published, async (message) => {
      if (team && !message.teams.includes(team)) return null;
      const item = await this.feed.item(message.id);
      return item && !item.hidden ? recognitionOf(item, this.directory.current()) : null;
    });
  }
}
