import { Directory } from '../model/directory';
import { planDirectoryChanges } from '../diff/plan-directory-changes';
import { issuesOf } from './file-issues.harness.spec';
import { parseOrganization } from './parse-organization';

const withRecognition = (recognition: string) => `organization: { name: Acme }
teams: []
recognition:
${recognition}
`;


/** The recognition settings a projector reads after `org apply` of the file (through the OrganizationConfigured event). */
function appliedSettings(text: string) {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(text), { at: '2026-01-01T00:00:00Z', by: 'tandem.yaml' });
  return Directory.empty().apply(planned.map(({ event }) => event)).settings.recognition;
}

describe("tandem.yaml's recognition: fairness and kudos settings", () => {
  it('carries every setting of the recognizer through the event history', () => {
    const settings = appliedSettings(
      withRecognition(`  kudosTrigger: [props, /props]
  kudosEmoji: [clap, tada]
  kudosPerDay: 2
  values: [ownership]
  disabledRules: [shadow_shift]
  selfDealing: { maxShare: 0.25, windowDays: 14, minKudos: 6 }`),
    );
    expect(settings).toEqual({
      kudosTriggers: ['props', '/props'],
      kudosReactions: ['clap', 'tada'],
      kudosPerDay: 2,
      kudosValues: ['ownership'],
      disabledRules: ['shadow_shift'],
      selfDealingMaxShare: 0.25,
      selfDealingWindowDays: 14,
      selfDealingMinKudos: 6,
    });
  });

  it("takes metrics.md's defaults for what is not written, one key at a time", () => {
    expect(appliedSettings(withRecognition('  selfDealing: { windowDays: 7 }'))).toEqual({
      kudosTriggers: ['kudos', '/kudos'],
      kudosReactions: ['raised_hands'],
      kudosPerDay: 5,
      kudosValues: [],
      disabledRules: [],
      selfDealingMaxShare: 0.5,
      selfDealingWindowDays: 7,
      selfDealingMinKudos: 4,
    });
  });

  it('names file, line and key of every bad value at once', () => {
    const text = withRecognition(`  kudosTrigger: ""
  kudosEmoji: [":clap:"]
  kudosPerDay: 0
  selfDealing:
    maxShare: 1.5
    windowDays: 0
    minKudos: 1
    pairs: 3`);
    expect(issuesOf(text)).toEqual([
      'tandem.yaml:4:3 recognition.kudosTrigger: must not be empty',
      'tandem.yaml:5:16 recognition.kudosEmoji[0]: must be an emoji name without colons',
      'tandem.yaml:6:3 recognition.kudosPerDay: must be at least 1',
      'tandem.yaml:8:5 recognition.selfDealing.maxShare: must be at most 1',
      'tandem.yaml:9:5 recognition.selfDealing.windowDays: must be at least 1',
      'tandem.yaml:10:5 recognition.selfDealing.minKudos: must be at least 2',
      'tandem.yaml:11:5 recognition.selfDealing.pairs: unknown key',
    ]);
    expect(issuesOf(withRecognition('  selfDealing: { maxShare: 0 }'))).toEqual(['tandem.yaml:4:18 recognition.selfDealing.maxShare: must be above 0']);
  });
});
