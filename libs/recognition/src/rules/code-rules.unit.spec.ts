import { bridgeBuilderV1, infraContributorV1 } from '@tandem/recognition';
import { RecognitionEvents, who } from '../testing/recognition-events';
import { awardsOf, summary } from '../testing/rule-harness';

describe('bridge_builder (v1)', () => {
  it('recognizes the first reviewer from the other side within 24 h of the PR opening, once per PR', () => {
    const t = new RecognitionEvents();
    // #1 by dave (payments): erin (same side) first, then carol (sre) at exactly 24 h, then frank.
    t.prOpened(1, '2026-02-02T10:00:00Z', who.github('dave-gh'));
    t.prReviewed(1, '2026-02-02T11:00:00Z', who.github('erin-gh'));
    t.prReviewed(1, '2026-02-03T10:00:00Z', who.github('carol-gh'), 'REVIEW_STATE_APPROVED');
    t.prReviewed(1, '2026-02-03T11:00:00Z', who.github('frank-gh'));
    // #2 by dave: carol 1 s after 24 h.
    t.prOpened(2, '2026-02-02T10:00:00Z', who.github('dave-gh'));
    t.prReviewed(2, '2026-02-03T10:00:01Z', who.github('carol-gh'));
    // #3 by carol (Ops), reviewed by bob (Dev) after 2 h.
    t.prOpened(3, '2026-02-04T10:00:00Z', who.github('carol-gh'));
    t.prReviewed(3, '2026-02-04T12:00:00Z', who.github('bob-gh'), 'REVIEW_STATE_CHANGES_REQUESTED');
    // #4 by a bot; #5 by carol, reviewed by olga (opted out).
    t.prOpened(4, '2026-02-05T10:00:00Z', who.github('deploybot'));
    t.prReviewed(4, '2026-02-05T10:30:00Z', who.github('carol-gh'));
    t.prOpened(5, '2026-02-06T10:00:00Z', who.github('carol-gh'));
    t.prReviewed(5, '2026-02-06T10:30:00Z', who.github('olga-gh'));

    const awards = awardsOf(bridgeBuilderV1, t.events);
    expect(summary(awards)).toEqual(['bridge_builder carol pull_request:github:acme/checkout:1', 'bridge_builder bob pull_request:github:acme/checkout:3']);
    expect(awards.map((award) => award.sentence)).toEqual([
      'Carol reviewed a pull request from payments (acme/checkout#1) 24 h after it was opened',
      'Bob reviewed a pull request from sre (acme/checkout#3) 2 h after it was opened',
    ]);
    expect(awards[0].awardedAt).toBe('2026-02-03T10:00:00.000Z');
  });
});

describe('infra_contributor (v1)', () => {
  it("recognizes a Dev-side person's merged infrastructure change, by PR or pushed straight to main", () => {
    const t = new RecognitionEvents();
    t.prOpened(10, '2026-02-02T09:00:00Z', who.github('dave-gh'));
    t.prMerged(10, '2026-02-02T10:00:00Z', '2026-02-02T09:00:00Z', ['infra/main.tf', 'src/app.ts']);
    t.prOpened(11, '2026-02-02T09:00:00Z', who.github('dave-gh'));
    t.prMerged(11, '2026-02-02T10:00:00Z', '2026-02-02T09:00:00Z', ['src/app.ts']); // not infrastructure
    t.prOpened(12, '2026-02-02T09:00:00Z', who.github('carol-gh'));
    t.prMerged(12, '2026-02-02T10:00:00Z', '2026-02-02T09:00:00Z', ['k8s/deployment.yaml']); // Ops side
    t.prOpened(13, '2026-02-02T09:00:00Z', who.github('erin-gh')); // never merged
    t.pushed('2026-02-03T10:00:00Z', 'b'.repeat(40), who.github('erin-gh'), ['helm/values.yaml']);

    const awards = awardsOf(infraContributorV1, t.events);
    expect(summary(awards)).toEqual(['infra_contributor dave pull_request:github:acme/checkout:10', `infra_contributor erin push:github:acme/checkout:refs/heads/main:${'b'.repeat(40)}:${'b'.repeat(40)}`]);
    expect(awards.map((award) => award.sentence)).toEqual(["Dave's infrastructure change to acme/checkout (#10) was merged", 'Erin shipped an infrastructure change to acme/checkout (bbbbbbb)']);
  });
});
