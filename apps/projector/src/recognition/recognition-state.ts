import type { CanonicalEvent, CanonicalEventOf, MessagePostedJson } from '@tandem/contracts';
import { Directory, isDirectoryEvent, type DirectoryEvent } from '@tandem/directory';
import { entityKeyOf, factsOf, type EntityFacts } from '@tandem/metrics';
import {
  buildRecognitionModel,
  decideKudos,
  evaluateRules,
  foldOnCall,
  KudosLedger,
  ON_CALL_EVENT_TYPES,
  type Award,
  type FairnessPolicy,
  type KudosDecision,
} from '@tandem/recognition';

const ON_CALL_TYPES: ReadonlySet<string> = new Set(ON_CALL_EVENT_TYPES);

const messageKey = (tool: string | undefined, channelId: string | undefined, messageId: string | undefined) => `${tool ?? ''}\u0000${channelId ?? ''}\u0000${messageId ?? ''}`;
const channelKey = (tool: string | undefined, channelId: string | undefined) => `${tool ?? ''}\u0000${channelId ?? ''}`;

/**
 * What the recognition projector knows of the history read so far, folded event by event in
 * global order: the directory as of the current event (mentions and people resolve as they were
 * then), the kudos given (the ledger the limits read), who wrote each chat message (a reaction's
 * kudos goes to its author) and channel names, and the events the automatic rules read (the
 * metrics' entities and the on-call events). No I/O: the projector feeds it and appends what it
 * decides; the same history gives the same decisions.
 */
export class RecognitionState {
  private directory = Directory.empty();
  private pendingDirectory: DirectoryEvent[] = [];
  private readonly ledger = new KudosLedger();
  private readonly messages = new Map<string, MessagePostedJson>();
  private readonly channelNames = new Map<string, string>();
  private readonly entityEvents = new Map<string, CanonicalEvent[]>();
  private readonly entityIds = new Set<string>();
  private readonly facts = new Map<string, EntityFacts>();
  private readonly staleFacts = new Set<string>();
  private readonly onCallEvents: CanonicalEvent[] = [];
  private readonly knownAwards = new Set<string>();

  constructor(private readonly fairness?: Partial<FairnessPolicy>) {}

  /** The directory as of the last event folded. */
  currentDirectory(): Directory {
    if (this.pendingDirectory.length > 0) {
      this.directory = this.directory.apply(this.pendingDirectory);
      this.pendingDirectory = [];
    }
    return this.directory;
  }

  /**
   * Folds one event; for a chat message with the kudos trigger or a reaction, the kudos decision
   * as of this point of the history (given kudos are recorded at once, so the next decision counts
   * them even before their KudosGiven comes back from the store).
   */
  fold(event: CanonicalEvent): KudosDecision | null {
    if (isDirectoryEvent(event)) {
      this.pendingDirectory.push(event);
      return null;
    }
    this.keepForRules(event);
    switch (event.type) {
      case 'KudosGiven':
        this.ledger.record(event.data);
        return null;
      case 'RecognitionAwarded':
        if (event.data.recognitionId) this.knownAwards.add(event.data.recognitionId);
        return null;
      case 'ChannelJoined':
        if (event.data.channelName) this.channelNames.set(channelKey(event.data.tool, event.data.channelId), event.data.channelName);
        return null;
      case 'MessagePosted':
        return this.message(event);
      case 'ReactionAdded':
        return this.reaction(event);
      default:
        return null;
    }
  }

  /**
   * The awards the history read so far supports that are not in it yet (each once: an award
   * returned here is known from now on). Rules read the current directory (their facts are dated).
   */
  newAwards(): Award[] {
    for (const key of this.staleFacts) {
      const folded = factsOf(key, this.entityEvents.get(key) ?? []);
      if (folded) this.facts.set(key, folded);
      else this.facts.delete(key);
    }
    this.staleFacts.clear();
    const directory = this.currentDirectory();
    const model = buildRecognitionModel(this.facts.values(), foldOnCall(this.onCallEvents), directory);
    const awards = evaluateRules(model, directory).filter((award) => !this.knownAwards.has(award.recognitionId));
    for (const award of awards) this.knownAwards.add(award.recognitionId);
    return awards;
  }

  /** Forgets that awards were returned (their append failed): the next evaluation returns them again. */
  forgetAwards(awards: readonly Award[]): void {
    for (const award of awards) this.knownAwards.delete(award.recognitionId);
  }

  private message(event: CanonicalEventOf<'MessagePosted'>): KudosDecision | null {
    const { data } = event;
    // Kept small: who wrote it, and the kudos text and mentions when it is a kudos (the only text Tandem keeps).
    this.messages.set(messageKey(data.tool, data.channelId, data.messageId), data.kudosText ? { author: data.author, kudosText: data.kudosText, mentions: data.mentions } : { author: data.author });
    if (!data.kudosText) return null;
    return this.decide(decideKudos({ origin: 'message', event }, this.context()));
  }

  private reaction(event: CanonicalEventOf<'ReactionAdded'>): KudosDecision | null {
    const { data } = event;
    if (!data.emoji || !this.currentDirectory().settings.recognition.kudosReactions.includes(data.emoji)) return null;
    const reactedMessage = this.messages.get(messageKey(data.tool, data.channelId, data.messageId));
    const channelName = this.channelNames.get(channelKey(data.tool, data.channelId));
    return this.decide(decideKudos({ origin: 'reaction', event, ...(reactedMessage ? { reactedMessage } : {}), ...(channelName ? { channelName } : {}) }, this.context()));
  }

  private decide(decision: KudosDecision): KudosDecision {
    if (decision.outcome === 'given') this.ledger.record(decision.data);
    return decision;
  }

  private context() {
    return { directory: this.currentDirectory(), history: this.ledger, ...(this.fairness ? { fairness: this.fairness } : {}) };
  }

  private keepForRules(event: CanonicalEvent): void {
    if (ON_CALL_TYPES.has(event.type)) this.onCallEvents.push(event);
    const key = entityKeyOf(event);
    if (key === null || this.entityIds.has(event.eventId)) return;
    this.entityIds.add(event.eventId);
    const events = this.entityEvents.get(key);
    if (events) events.push(event);
    else this.entityEvents.set(key, [event]);
    this.staleFacts.add(key);
  }
}
