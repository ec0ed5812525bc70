/**
 * The embedded log gives all partitions of a topic to one consumer of a group at a time (the
 * brief's "a single consumer gets them all"). Later subscribers of the same group wait their turn,
 * like Kafka members beyond the partition count, and take over from the committed offsets when
 * the active one stops. Different groups never wait for each other.
 */
export class ConsumerGroupTurns {
  /** Per (group, topic): settles when the last consumer that asked for a turn releases it. */
  private readonly lastTurn = new Map<string, Promise<void>>();

  /** Resolves with the function that ends the turn, once every earlier consumer has ended theirs. */
  async take(groupId: string, topic: string): Promise<() => void> {
    const key = JSON.stringify([groupId, topic]);
    const previous = this.lastTurn.get(key) ?? Promise.resolve();
    let endTurn!: () => void;
    const ended = new Promise<void>((resolve) => (endTurn = resolve));
    const turn = previous.then(() => ended);
    this.lastTurn.set(key, turn);
    await previous;
    return () => {
      endTurn();
      if (this.lastTurn.get(key) === turn) this.lastTurn.delete(key);
    };
  }
}
