import { Counter, Gauge, type Registry } from 'prom-client';
import type { Award } from '@tandem/recognition';
import type { RecognitionBatchOutcome } from './recognition-batches';

/** The recognition projector on `/metrics`: its position, kudos decided from chat, awards appended. */
export class RecognitionMetrics {
  private readonly position: Gauge;
  private readonly kudos: Counter<'outcome' | 'code'>;
  private readonly awards: Counter<'rule'>;

  constructor(registry: Registry) {
    this.position = new Gauge({ name: 'tandem_recognition_position', help: 'Last global event position the recognition feed has projected (its checkpoint).', registers: [registry] });
    this.kudos = new Counter({
      name: 'tandem_recognition_kudos_total',
      help: 'Kudos decided from chat messages and reactions: given, or refused with the refusal code.',
      labelNames: ['outcome', 'code'],
      registers: [registry],
    });
    this.awards = new Counter({ name: 'tandem_recognition_awards_total', help: 'Automatic recognitions appended, by rule.', labelNames: ['rule'], registers: [registry] });
  }

  batch(outcome: RecognitionBatchOutcome): void {
    this.position.set(outcome.position);
    if (outcome.kudosAppended > 0) this.kudos.inc({ outcome: 'given', code: '' }, outcome.kudosAppended);
    for (const refusal of outcome.refused) this.kudos.inc({ outcome: 'refused', code: refusal.code });
  }

  awarded(awards: readonly Award[]): void {
    for (const award of awards) this.awards.inc({ rule: award.ruleId });
  }
}
