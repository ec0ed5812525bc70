/**
 * Anti-gaming limits on explicit kudos. `kudosPerDay` comes from tandem.yaml; the self-dealing
 * limits have no key there yet (RecognitionSettings has none), so they are defaults here that a
 * caller may override until the organisation file carries them.
 *
 * Self-dealing rule (version 1): a kudos from A is refused for recipient B when
 *   - B also gave A at least one kudos in the window before it (the pair exchanges kudos), and
 *   - A has given at least `minKudosForShare` kudos in the window, this one included, and
 *   - more than `maxPairShare` of those went to B, this one included.
 * So two people may thank each other freely at first, and one-way thanks are never limited; what is
 * refused is a pair whose kudos mostly go to each other.
 */
export interface FairnessPolicy {
  selfDealingWindowDays: number;
  maxPairShare: number;
  minKudosForShare: number;
}

export const DEFAULT_FAIRNESS_POLICY: FairnessPolicy = {
  selfDealingWindowDays: 30,
  maxPairShare: 0.5,
  minKudosForShare: 4,
};
