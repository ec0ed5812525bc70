import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import type { FeedItem } from '@tandem/recognition';
import { evidenceLines, slackRecognitionMessage, teamsRecognitionCard } from './recognition-message';

const directory = Directory.empty().apply(
  planDirectoryChanges(
    Directory.empty(),
    parseOrganization(`organization: { name: Test, timezone: UTC }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
people:
  - { id: megan, name: Megan, identities: { slack: U123ABC456 }, memberships: [ { team: sre, from: 2026-01-01 } ] }
  - { id: bob, name: "Bob <The Builder> & co", memberships: [ { team: payments, from: 2026-01-01 } ] }
  - { id: carol, name: Carol, identities: { slack: UCAROL }, memberships: [ { team: sre, from: 2026-01-01 } ] }
`),
    { at: '2026-01-01T00:00:00Z', by: 'test' },
  ).map(({ event }) => event),
);

const kudos: FeedItem = {
  id: 'kudos-1',
  kind: 'KUDOS',
  from: 'megan',
  to: ['bob', 'carol'],
  teams: ['payments', 'sre'],
  message: 'fixing the checkout alerts at 3am',
  values: ['ownership'],
  occurredAt: '2026-11-30T09:00:00Z',
  evidence: {},
};

const award: FeedItem = {
  id: 'recognition-1',
  kind: 'AUTOMATIC',
  rule: 'bridge_builder',
  ruleVersion: 1,
  to: ['carol'],
  teams: ['sre'],
  message: 'Carol reviewed a payments pull request within 3 h',
  values: [],
  occurredAt: '2026-11-30T09:00:00Z',
  evidence: { pullRequest: 'pull_request:github:acme/checkout:42' },
};

describe('a recognition as a chat post', () => {
  it('gives Slack the feed sentence as text, and blocks naming who thanked whom (mentions when known), teams and values', () => {
    const message = slackRecognitionMessage(kudos, directory, 'C0KUDOS');
    expect(message.channel).toBe('C0KUDOS');
    expect(message.text).toBe('Kudos from Megan to Bob &lt;The Builder&gt; &amp; co and Carol: fixing the checkout alerts at 3am');
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':clap: Kudos from Megan to Bob &lt;The Builder&gt; &amp; co and Carol: fixing the checkout alerts at 3am' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'From <@U123ABC456> to Bob &lt;The Builder&gt; &amp; co, <@UCAROL>  ·  Teams: payments, sre  ·  #ownership' }] },
    ]);
  });

  it('gives an automatic recognition its sentence, the people recognized and a link to the evidence', () => {
    const message = slackRecognitionMessage(award, directory, 'C0KUDOS');
    expect(message.text).toBe('Carol reviewed a payments pull request within 3 h');
    expect(message.blocks?.[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':sparkles: Carol reviewed a payments pull request within 3 h' } });
    expect(message.blocks?.[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Recognized: <@UCAROL>  ·  Teams: sre' }] });
    expect(message.blocks?.[2]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Evidence: <https://github.com/acme/checkout/pull/42|pull request acme/checkout#42>' }],
    });
  });

  it('gives Teams an Adaptive Card with the sentence, the facts and the evidence as a link', () => {
    expect(teamsRecognitionCard(kudos, directory)).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: 'Kudos', weight: 'Bolder', size: 'Medium' },
        { type: 'TextBlock', text: 'Kudos from Megan to Bob <The Builder> & co and Carol: fixing the checkout alerts at 3am', wrap: true },
        {
          type: 'FactSet',
          facts: [
            { title: 'From', value: 'Megan' },
            { title: 'To', value: 'Bob <The Builder> & co, Carol' },
            { title: 'Teams', value: 'payments, sre' },
            { title: 'Values', value: '#ownership' },
          ],
        },
      ],
    });
    const card = teamsRecognitionCard(award, directory);
    expect(card.body[0]).toEqual({ type: 'TextBlock', text: 'Recognition', weight: 'Bolder', size: 'Medium' });
    expect(card.body[2]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Recognized', value: 'Carol' },
        { title: 'Teams', value: 'sre' },
        { title: 'Evidence', value: 'pull request acme/checkout#42' },
      ],
    });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'pull request acme/checkout#42', url: 'https://github.com/acme/checkout/pull/42' }]);
  });

  it('reads evidence keys as people say them, with escaped parts restored and no link where the tool has none', () => {
    expect(
      evidenceLines({
        incident: 'incident:pagerduty:P1X2',
        pullRequest: 'pull_request:gitlab:group/sub/app:7',
        postmortem: 'postmortem:incidentio:PM%3A9',
        actionItem: 'action_item:jira:OPS-12',
        onCallShift: 'schedule-PSCHED-2026-11-30',
      }),
    ).toEqual([
      { label: 'incident P1X2 (pagerduty)' },
      { label: 'pull request group/sub/app#7' },
      { label: 'post-mortem PM:9' },
      { label: 'action item OPS-12' },
      { label: 'an on-call shift' },
    ]);
  });
});
