import { validate as isUuid, v5 as uuidv5, version as uuidVersion } from 'uuid';
import { ContractError } from './errors';
import { derivedEventId, deterministicEventId, streamFor, TANDEM_EVENT_NAMESPACE } from './ids';

describe('deterministicEventId', () => {
  const id = deterministicEventId('github', '72d3162e-cc78-11e3-81ab-4c9367dc0958', 0);

  it('is a uuid v5', () => {
    expect(isUuid(id)).toBe(true);
    expect(uuidVersion(id)).toBe(5);
  });

  it('is the same for a redelivery, forever (pinned: changing it breaks dedupe of stored events)', () => {
    expect(deterministicEventId('github', '72d3162e-cc78-11e3-81ab-4c9367dc0958', 0)).toBe(id);
    expect(id).toBe('ae826274-abca-56c6-bc1f-d9f34550aa05');
  });

  it('is the uuid package\'s v5 of the JSON parts, for any text (non-ASCII, emoji, escaped lone surrogates)', () => {
    const kindNamespace = uuidv5('webhook', TANDEM_EVENT_NAMESPACE);
    for (const deliveryId of ['72d3162e', 'Évènement-été', '🚀 déploiement', 'a"b\\c', '\ud800 lone', 'x'.repeat(5_000)]) {
      for (const index of [0, 7, 123_456]) {
        expect(deterministicEventId('slack', deliveryId, index)).toBe(uuidv5(JSON.stringify(['slack', deliveryId, index]), kindNamespace));
      }
    }
  });

  it('differs by index, delivery and source', () => {
    const ids = new Set([
      id,
      deterministicEventId('github', '72d3162e-cc78-11e3-81ab-4c9367dc0958', 1),
      deterministicEventId('github', '72d3162e-cc78-11e3-81ab-4c9367dc0959', 0),
      deterministicEventId('gitlab', '72d3162e-cc78-11e3-81ab-4c9367dc0958', 0),
    ]);
    expect(ids.size).toBe(4);
  });

  it('refuses a negative or fractional index and an empty delivery id', () => {
    expect(() => deterministicEventId('github', 'd1', -1)).toThrow(ContractError);
    expect(() => deterministicEventId('github', 'd1', 0.5)).toThrow(ContractError);
    expect(() => deterministicEventId('github', '', 0)).toThrow('invalid id part "": expected a non-empty string or a non-negative integer');
  });
});

describe('derivedEventId', () => {
  it('is stable for the same kind and parts', () => {
    expect(derivedEventId('recognition', 'bridge_builder', 'ana', 'pr-github-acme/payments-42')).toBe(
      derivedEventId('recognition', 'bridge_builder', 'ana', 'pr-github-acme/payments-42'),
    );
  });

  it('keeps parts apart and kinds apart', () => {
    expect(derivedEventId('config', 'a-b', 'c')).not.toBe(derivedEventId('config', 'a', 'b-c'));
    expect(derivedEventId('config', 'payments')).not.toBe(derivedEventId('api', 'payments'));
  });

  it('does not collide with a webhook event of the same parts', () => {
    expect(derivedEventId('webhook', 'github', 'd1', 0)).toBe(deterministicEventId('github', 'd1', 0));
    expect(derivedEventId('import', 'github', 'd1', 0)).not.toBe(deterministicEventId('github', 'd1', 0));
  });

  it('needs at least one part', () => {
    expect(() => derivedEventId('config')).toThrow('an event id of kind "config" needs at least one part');
  });
});

describe('streamFor', () => {
  it('names entity streams as category-tool-id', () => {
    expect(streamFor.incident('pagerduty', 'P123')).toBe('incident-pagerduty-P123');
    expect(streamFor.pullRequest('github', 'org/repo', 42)).toBe('pr-github-org/repo-42');
    expect(streamFor.deployment('github', '1234')).toBe('deployment-github-1234');
    expect(streamFor.page('opsgenie', '70413a06')).toBe('page-opsgenie-70413a06');
    expect(streamFor.repository('gitlab', 'group/app')).toBe('repo-gitlab-group/app');
    expect(streamFor.schedule('pagerduty', 'PSCHED1')).toBe('schedule-pagerduty-PSCHED1');
    expect(streamFor.postmortem('incidentio', '01HPM')).toBe('postmortem-incidentio-01HPM');
    expect(streamFor.actionItem('jira', 'OPS-7')).toBe('actionitem-jira-OPS-7');
    expect(streamFor.channel('slack', 'C0INC42')).toBe('channel-slack-C0INC42');
    expect(streamFor.identity('slack', 'U024BE7LH')).toBe('identity-slack-U024BE7LH');
  });

  it('names directory and recognition streams', () => {
    expect(streamFor.person('ana')).toBe('person-ana');
    expect(streamFor.team('payments')).toBe('team-payments');
    expect(streamFor.service('checkout')).toBe('service-checkout');
    expect(streamFor.recognition('0f8e')).toBe('recognition-0f8e');
    expect(streamFor.organization()).toBe('organization');
  });

  it('refuses an empty part, which would merge distinct entities', () => {
    expect(() => streamFor.incident('pagerduty', '')).toThrow(ContractError);
  });
});
