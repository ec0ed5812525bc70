/** What a signer needs besides the body and the secret: schemes that sign a timestamp or an id. */
export interface SigningContext {
  readonly now: Date;
  /** The delivery id the Standard Webhooks scheme signs (`webhook-id`). */
  readonly deliveryId: string;
}
