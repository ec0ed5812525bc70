import type { EventStore } from '../event-store.port';
import { appendManyContract } from './append-many.contract';
import { appendContract } from './append.contract';
import type { EventStoreCapabilities, EventStoreFixture } from './contract-support';
import { readContract } from './read.contract';
import { subscribeContract } from './subscribe.contract';

export type { EventStoreCapabilities, EventStoreFixture } from './contract-support';

/**
 * The behaviour every EventStore adapter must have. The fixture is shared by the whole suite,
 * so each test works on its own streams and on positions after the head it read first.
 */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStoreFixture>,
  capabilities: EventStoreCapabilities,
): void {
  describe(`${name} satisfies the event store contract`, () => {
    let fixture: EventStoreFixture | undefined;
    const context = {
      fixture: (): EventStoreFixture => {
        if (!fixture) throw new Error('the event store fixture failed to start');
        return fixture;
      },
      store: (): EventStore => context.fixture().store,
      capabilities,
    };

    beforeAll(async () => {
      fixture = await factory();
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    appendContract(context);
    appendManyContract(context);
    readContract(context);
    subscribeContract(context);
  });
}
