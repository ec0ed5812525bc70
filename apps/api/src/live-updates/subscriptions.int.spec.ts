import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { expectEventually } from '@tandem/testing';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';
import { ProbeModule } from '../testing/probe.harness.spec';

interface Received {
  values: unknown[];
  errors: unknown[];
  done: boolean;
}

/** Subscribes and collects what arrives; `stop` unsubscribes. */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}): { received: Received; stop: () => void } {
  const received: Received = { values: [], errors: [], done: false };
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => void received.values.push(value),
      error: (error) => void received.errors.push(error),
      complete: () => void (received.done = true),
    },
  );
  return { received, stop };
}

const PROBE_EVENTS = 'subscription Probe($channel: String!) { probeEvents(channel: $channel) { channel message at } }';

describe.each(DRIVERS)('subscriptions over graphql-ws on /graphql (%s)', (driver) => {
  let api: ApiUnderTest;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ driver, modules: [ProbeModule] });
    token = await api.issueToken('member');
  });

  afterAll(async () => {
    await api.close();
  });

  it('delivers what is published through the PubSub port to the subscriber of its channel', async () => {
    const channel = randomUUID();
    const { received, stop } = collect(api.websocket(token), PROBE_EVENTS, { channel });

    // The server subscribes asynchronously after the client's subscribe message: publish until it listens.
    await expectEventually(async () => {
      await api.graphql('mutation Publish($channel: String!) { probePublish(channel: $channel, message: "hello") }', { token, variables: { channel } });
      expect(received.values.length).toBeGreaterThan(0);
    });
    stop();

    expect(received.errors).toEqual([]);
    expect(received.values[0]).toEqual({ data: { probeEvents: { channel, message: 'hello', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) } } });
  });

  it('refuses a connection without a valid token', async () => {
    const { received } = collect(api.websocket(`tdm_${'x'.repeat(43)}`), PROBE_EVENTS, { channel: 'any' });

    await expectEventually(() => expect(received.errors.length + Number(received.done)).toBeGreaterThan(0));
    expect(received.values).toEqual([]);
  });

  it('applies the query limits to subscriptions too', async () => {
    const aliases = Array.from({ length: 31 }, (_, n) => `a${n}: channel`).join(' ');
    const { received } = collect(api.websocket(token), `subscription { probeEvents(channel: "x") { ${aliases} } }`);

    await expectEventually(() => expect(received.errors).toHaveLength(1));
    expect(JSON.stringify(received.errors[0])).toContain('QUERY_LIMIT_EXCEEDED');
  });
});
