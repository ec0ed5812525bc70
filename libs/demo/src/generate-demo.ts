import { DAY, startOfUtcDay, WEEK } from './calendar';
import type { DemoDelivery } from './demo-delivery';
import { SCALE_PROFILES, type DemoScale } from './demo-scale';
import { buildOrganization } from './organization/build-organization';
import type { DemoOrganization } from './organization/demo-organization';
import { organizationYaml } from './organization/organization-yaml';
import { ChatStory } from './story/chat-story';
import { CodeReviewStory } from './story/code-review-story';
import { DeploymentStory } from './story/deployment-story';
import { JiraIncidentStory } from './story/jira-incident-story';
import { MajorIncidentStory } from './story/major-incident-story';
import { PagingStory } from './story/paging-story';
import { StoryContext, type Story } from './story/story-context';

export interface DemoOptions {
  seed: number;
  scale: DemoScale;
  /** When the story ends: activity runs up to this instant (exclusive). */
  until: Date;
  /** How many weeks of activity (default: 13 for `small`, 52 for `year`). */
  weeks?: number;
}

export interface Demo {
  organization: DemoOrganization;
  /** The organisation as tandem.yaml text. */
  organizationYaml: string;
  /** When the organisation takes effect: the day before any activity. */
  organizationAppliedAt: string;
  /** The story's first day (inclusive) and its end (exclusive), ISO-8601. */
  from: string;
  until: string;
  /**
   * Every delivery in time order, rendered lazily (a year is ~1,000,000 of them): each call starts
   * again from the seed and yields the same bytes.
   */
  deliveries(): Generator<DemoDelivery>;
}

/**
 * The demo: the Northwind organisation and its activity as the vendors would deliver it.
 * Deterministic: the same options give byte-identical output.
 */
export function generateDemo(options: DemoOptions): Demo {
  const weeks = options.weeks ?? SCALE_PROFILES[options.scale].weeks;
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`weeks must be a whole number of at least 1, got ${weeks}`);
  const untilMs = options.until.getTime();
  const startMs = startOfUtcDay(untilMs) - weeks * WEEK;
  const organization = buildOrganization({ seed: options.seed, scale: options.scale, startMs, untilMs });
  const header = ` Northwind, the demo organisation of \`tandem demo --seed ${options.seed} --scale ${options.scale}\`.\n Generated; edit it and run \`tandem org apply\` to watch the directory follow.`;
  return {
    organization,
    organizationYaml: organizationYaml(organization, header),
    organizationAppliedAt: new Date(startMs - DAY).toISOString(),
    from: new Date(startMs).toISOString(),
    until: options.until.toISOString(),
    deliveries: () => play(new StoryContext(organization, options.seed, startMs, untilMs)),
  };
}

/** Day by day: each story schedules the day's activity, then everything that happened that day is rendered. */
function* play(context: StoryContext): Generator<DemoDelivery> {
  const code = new CodeReviewStory(context);
  const paging = new PagingStory(context);
  const deployments = new DeploymentStory(context, code, paging);
  const stories: Story[] = [code, paging, deployments, new MajorIncidentStory(context, deployments), new JiraIncidentStory(context), new ChatStory(context)];
  for (let day = context.startMs; day < context.untilMs; day += DAY) {
    for (const story of stories) story.onDay(day);
    yield* context.timeline.drainBefore(Math.min(day + DAY, context.untilMs));
  }
}
