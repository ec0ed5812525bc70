/**
 * The topics published on the PubSub, with their payloads: the projector publishes, every API
 * replica's subscriptions read. (`kpisUpdated` is @tandem/projections' KPIS_UPDATED_TOPIC.)
 */

/** A new item of the recognition feed is stored: subscribers read it by id. */
export const RECOGNITION_AWARDED_TOPIC = 'recognitionAwarded';

export interface RecognitionPublished {
  id: string;
  /** Its teams, so that `recognitionAwarded(team:)` filters without reading the item. */
  teams: string[];
}

/** An API token was revoked: every API replica stops remembering it at once. */
export const TOKEN_REVOKED_TOPIC = 'tokenRevoked';

export interface TokenRevoked {
  tokenId: string;
}
