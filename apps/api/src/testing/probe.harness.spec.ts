/**
 * Test-only GraphQL fields, booted beside the API in the integration tests (never in the schema
 * served): a subscription through the PubSub port, a resolver that fails, a Duration round trip.
 */
import { Inject, Module } from '@nestjs/common';
import { Args, Field, Mutation, ObjectType, Query, Resolver, Subscription } from '@nestjs/graphql';
import { PUB_SUB, type PubSub } from '@tandem/live-updates';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { DurationScalar } from '../graphql/scalars/duration.scalar';

export const PROBE_FAILURE_DETAIL = 'connection string postgres://secret@db';

@ObjectType()
class ProbeEvent {
  @Field(() => String)
  channel!: string;

  @Field(() => String)
  message!: string;

  @Field(() => DateTimeScalar)
  at!: Date;
}

@Resolver()
class ProbeResolver {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  @Query(() => DurationScalar)
  probeDoubled(@Args('duration', { type: () => DurationScalar }) seconds: number): number {
    return seconds * 2;
  }

  @Query(() => String)
  probeFailure(): string {
    throw new Error(PROBE_FAILURE_DETAIL);
  }

  @Mutation(() => Boolean)
  async probePublish(@Args('channel', { type: () => String }) channel: string, @Args('message', { type: () => String }) message: string): Promise<boolean> {
    await this.pubSub.publish(`probe:${channel}`, { channel, message, at: new Date() });
    return true;
  }

  @Subscription(() => ProbeEvent, { resolve: (event: ProbeEvent) => event })
  probeEvents(@Args('channel', { type: () => String }) channel: string): Promise<AsyncIterableIterator<ProbeEvent>> {
    return this.pubSub.subscribe<ProbeEvent>(`probe:${channel}`);
  }
}

@Module({ providers: [ProbeResolver] })
export class ProbeModule {}
