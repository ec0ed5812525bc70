import type { Directory } from '@tandem/directory';
import type { AdaptiveCard, SlackBlock, SlackMessage } from '@tandem/notify';
import { feedSentence, type FeedEvidence, type FeedItem } from '@tandem/recognition';

/**
 * How a recognition reads in a chat channel, built only from its feed item (libs/recognition): the
 * feed's sentence, who thanked whom or who was recognized, the teams, the values and the evidence.
 * A feed item never says who caused an incident, so neither does a post.
 */

/** One piece of evidence as people read it, with a link when its tool has public URLs. */
export interface EvidenceLine {
  label: string;
  url?: string;
}

export function slackRecognitionMessage(item: FeedItem, directory: Directory, channel: string): SlackMessage {
  const sentence = feedSentence(item, directory);
  const who = (personId: string) => slackMention(directory, personId);
  const people = item.kind === 'KUDOS' ? `From ${who(item.from ?? '')} to ${item.to.map(who).join(', ')}` : item.to.length > 0 ? `Recognized: ${item.to.map(who).join(', ')}` : '';
  const details = [people, item.teams.length > 0 ? `Teams: ${item.teams.map(escapeMrkdwn).join(', ')}` : '', ...item.values.map((value) => `#${escapeMrkdwn(value)}`)].filter(Boolean);
  const evidence = evidenceLines(item.evidence).map(({ label, url }) => (url ? `<${url}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label)));
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${item.kind === 'KUDOS' ? ':clap:' : ':sparkles:'} ${escapeMrkdwn(sentence)}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: details.join('  ·  ') }] },
  ];
  if (evidence.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Evidence: ${evidence.join(', ')}` }] });
  // `text` is mrkdwn too (the notification): escaped, so a kudos message cannot ping <!channel> or hide a link.
  return { channel, text: escapeMrkdwn(sentence), blocks };
}

export function teamsRecognitionCard(item: FeedItem, directory: Directory): AdaptiveCard {
  const name = (personId: string) => directory.person(personId)?.name ?? personId;
  const facts = [
    ...(item.kind === 'KUDOS' ? [{ title: 'From', value: name(item.from ?? '') }] : []),
    ...(item.to.length > 0 ? [{ title: item.kind === 'KUDOS' ? 'To' : 'Recognized', value: item.to.map(name).join(', ') }] : []),
    ...(item.teams.length > 0 ? [{ title: 'Teams', value: item.teams.join(', ') }] : []),
    ...(item.values.length > 0 ? [{ title: 'Values', value: item.values.map((value) => `#${value}`).join(' ') }] : []),
  ];
  const evidence = evidenceLines(item.evidence);
  if (evidence.length > 0) facts.push({ title: 'Evidence', value: evidence.map(({ label }) => label).join(', ') });
  const links = evidence.filter((line): line is Required<EvidenceLine> => line.url !== undefined);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: item.kind === 'KUDOS' ? 'Kudos' : 'Recognition', weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: feedSentence(item, directory), wrap: true },
      { type: 'FactSet', facts },
    ],
    ...(links.length > 0 ? { actions: links.map(({ label, url }) => ({ type: 'Action.OpenUrl', title: label, url })) } : {}),
  };
}

/** Metric-model keys (`incident:pagerduty:P1`, `pull_request:github:acme/checkout:42`) as people say them. */
export function evidenceLines(evidence: FeedEvidence): EvidenceLine[] {
  const lines: EvidenceLine[] = [];
  if (evidence.incident) {
    const [tool, id] = keyParts(evidence.incident);
    lines.push({ label: `incident ${id} (${tool})` });
  }
  if (evidence.pullRequest) {
    const [tool, repo, number] = keyParts(evidence.pullRequest);
    lines.push({ label: `pull request ${repo}#${number}`, ...(tool === 'github' ? { url: `https://github.com/${repo}/pull/${number}` } : {}) });
  }
  if (evidence.postmortem) lines.push({ label: `post-mortem ${keyParts(evidence.postmortem)[1]}` });
  if (evidence.actionItem) lines.push({ label: `action item ${keyParts(evidence.actionItem)[1]}` });
  if (evidence.onCallShift) lines.push({ label: 'an on-call shift' });
  return lines;
}

/** The parts after the kind, with the key's `%3A` / `%25` escapes undone. */
function keyParts(key: string): string[] {
  return key
    .split(':')
    .slice(1)
    .map((part) => part.replace(/%3A/g, ':').replace(/%25/g, '%'));
}

/** A Slack mention notifies the person; someone without a Slack identity is named. */
function slackMention(directory: Directory, personId: string): string {
  const person = directory.person(personId);
  const slack = person?.identities.find((identity) => identity.tool === 'slack');
  return slack ? `<@${slack.id}>` : escapeMrkdwn(person?.name ?? personId);
}

/** Slack's mrkdwn reserves `&`, `<` and `>` (docs.slack.dev, "Formatting text: escaping"). */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
