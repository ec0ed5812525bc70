import { parseKudosText, renderChatText, type MentionToken } from './kudos-text';

const TRIGGERS = ['kudos', '/kudos'];
const label = (token: MentionToken) => (token.tool === 'slack' ? (token.label ?? token.id) : token.text);

describe('parseKudosText', () => {
  it('reads the people right after the trigger, the reason after "for", and trailing #values', () => {
    expect(parseKudosText('kudos <@U1> <@U2|bo> for fixing the alerts #ownership #Curiosity', TRIGGERS)).toEqual({
      recipients: [
        { tool: 'slack', id: 'U1', label: null },
        { tool: 'slack', id: 'U2', label: 'bo' },
      ],
      reason: 'fixing the alerts',
      tags: ['ownership', 'curiosity'],
    });
  });

  it('accepts the slash form, any case, "to", "and", commas and a colon instead of "for"', () => {
    expect(parseKudosText('/Kudos to <at>Ana</at>, <at>Bob</at> and <@U3>: great pairing', TRIGGERS)).toEqual({
      recipients: [
        { tool: 'teams', text: 'Ana' },
        { tool: 'teams', text: 'Bob' },
        { tool: 'slack', id: 'U3', label: null },
      ],
      reason: 'great pairing',
      tags: [],
    });
  });

  it('keeps an inline tag as a word, and takes everyone mentioned when nobody follows the trigger', () => {
    expect(parseKudosText('kudos, great #ownership of the release <@U9>!', TRIGGERS)).toEqual({
      recipients: [{ tool: 'slack', id: 'U9', label: null }],
      reason: 'great ownership of the release <@U9>!',
      tags: ['ownership'],
    });
  });

  it('is null without a trigger word at the start (kudosify is not kudos)', () => {
    expect(parseKudosText('thanks <@U1>', TRIGGERS)).toBeNull();
    expect(parseKudosText('kudosify <@U1>', TRIGGERS)).toBeNull();
    expect(parseKudosText('props <@U1> for x', ['props'])).toMatchObject({ reason: 'x' });
  });

  it('does not take "#123" or a Slack channel link for a value', () => {
    expect(parseKudosText('kudos <@U1> for fixing #4521 in <#C1|ops>', TRIGGERS)?.tags).toEqual([]);
  });
});

describe('renderChatText', () => {
  it('shows mentions, channels, links and entities as people read them', () => {
    expect(renderChatText('<@U1> and <at>Bob</at> in <#C1|ops>, see <https://x.io|the doc> &amp; <!here>  ok', label)).toBe('@U1 and @Bob in #ops, see the doc & @here ok');
  });
});
