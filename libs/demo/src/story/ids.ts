import type { SeededRandom } from '../random';

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Every id the vendors would assign, in each vendor's own format, drawn from the seeded generator. */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  constructor(private readonly random: SeededRandom) {}

  uuid(): string {
    return this.random.uuid();
  }

  /** A git commit sha. */
  sha(): string {
    return this.random.hex(40);
  }

  /** A numeric id such as GitHub's and GitLab's database ids. */
  number(min = 100_000_000, max = 2_000_000_000): number {
    return this.random.int(min, max);
  }

  /** A ULID-shaped id (PagerDuty event ids, incident.io ids). */
  ulid(): string {
    return `01${this.random.chars(24, CROCKFORD)}`;
  }

  /** A PagerDuty incident id (`Q` and 13 characters). */
  pagerdutyIncident(): string {
    return `Q${this.random.chars(13, UPPER_ALPHANUMERIC)}`;
  }

  /** Slack's `event_id`: the delivery id of an Events API delivery. */
  slackEvent(): string {
    return `Ev0${this.random.chars(9, UPPER_ALPHANUMERIC)}`;
  }

  slackChannel(): string {
    return `C0${this.random.chars(9, UPPER_ALPHANUMERIC)}`;
  }

  slackBlock(): string {
    return this.random.chars(5, ALPHANUMERIC);
  }

  /** Svix's message id: incident.io's `webhook-id`. */
  svixMessage(): string {
    return `msg_${this.random.chars(27, ALPHANUMERIC)}`;
  }

  /** 1, 2, 3 … per kind: incident numbers, issue keys, PR numbers per repository. */
  next(kind: string): number {
    const value = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, value);
    return value;
  }
}
