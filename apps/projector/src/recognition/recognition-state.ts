import type { CanonicalEvent, CanonicalEventOf, KudosGivenJson, MessagePostedJson } from '@tandem/contracts';
import { Directory, isDirectoryEvent, type DirectoryEvent } from '@tandem/directory';
import { entityKeyOf, factsOf, type EntityFacts } from '@tandem/metrics';
import type { RecognitionStateRow } from '@tandem/persistence';
import {
  buildRecognitionModel,
  decideKudos,
  evaluateRules,
  foldOnCall,
  KudosLedger,
  ON_CALL_EVENT_TYPES,
  type Award,
  type KudosDecision,
} from '@tandem/recognition';

const ON_CALL_TYPES: ReadonlySet<string> = new Set(ON_CALL_EVENT_TYPES);

// Keys are stored (recognition_state.key): the unit separator, as PostgreSQL text refuses NUL.
const messageKey = (tool: string | undefined, channelId: string | undefined, messageId: string | undefined) => `${tool ?? ''}\u001f${channelId ?? ''}\u001f${messageId ?? ''}`;
const channelKey = (tool: string | undefined, channelId: string | undefined) => `${tool ?? ''}\u001f${channelId ?? ''}`;

/** The kinds of state rows (recognition_state.kind). */
const ROW = {
  /** A directory event; key: its global position, zero-padded so that keys sort in history order. */
  directory: 'directory',
  /** A kudos the limits count; key: kudos id. */
  kudos: 'kudos',
  /** Who wrote a chat message (and its kudos text); key: tool, channel, message. */
  message: 'message',
  channel: 'channel',
  /** An event of the rules' entities, with the others of its entity; key: the entity key. */
  entity: 'entity',
  onCall: 'on_call',
  /** An award already in the history; key: recognition id. */
  award: 'award',
} as const;

const positionKey = (position: number) => String(position).padStart(20, '0');

/**
 * What the recognition projector knows of the history read so far, folded event by event in
 * global order: the directory as of the current event (mentions and people resolve as they were
 * then), the kudos given (the ledger the limits read), who wrote each chat message (a reaction's
 * kudos goes to its author) and channel names, and the events the automatic rules read (the
 * metrics' entities and the on-call events). No I/O: the projector feeds it and appends what it
 * decides; the same history gives the same decisions.
 *
 * What changes is also handed out as rows (`takeChanges`), which the projector writes with its
 * checkpoint; `restore` of those rows gives the state back as of the checkpoint, so a restart
 * reads the event store from the checkpoint on, not from the first event.
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
  private changes: RecognitionStateRow[] = [];
  private readonly changedEntities = new Set<string>();

  /** The state the rows of `takeChanges` describe (in any order). */
  static restore(rows: readonly RecognitionStateRow[]): RecognitionState {
    const state = new RecognitionState();
    const directoryRows = rows.filter((row) => row.kind === ROW.directory).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    state.pendingDirectory = directoryRows.map((row) => JSON.parse(row.value) as DirectoryEvent);
    for (const row of rows) {
      switch (row.kind) {
        case ROW.kudos:
          state.ledger.record(JSON.parse(row.value) as KudosGivenJson);
          break;
        case ROW.message:
          state.messages.set(row.key, JSON.parse(row.value) as MessagePostedJson);
          break;
        case ROW.channel:
          state.channelNames.set(row.key, row.value);
          break;
        case ROW.entity: {
          const events = JSON.parse(row.value) as CanonicalEvent[];
          state.entityEvents.set(row.key, events);
          for (const event of events) state.entityIds.add(event.eventId);
          state.staleFacts.add(row.key);
          break;
        }
        case ROW.onCall:
          state.onCallEvents.push(JSON.parse(row.value) as CanonicalEvent);
          break;
        case ROW.award:
          state.knownAwards.add(row.key);
          break;
        default:
          break;
      }
    }
    return state;
  }

  /**
   * The rows changed since the last call, each (kind, key) once with its last value (one statement
   * may not write a row twice); an entity's row carries all its events so far.
   */
  takeChanges(): RecognitionStateRow[] {
    const rows = new Map<string, RecognitionStateRow>();
    for (const row of this.changes) rows.set(`${row.kind}\u0000${row.key}`, row);
    for (const key of this.changedEntities) rows.set(`${ROW.entity}\u0000${key}`, { kind: ROW.entity, key, value: JSON.stringify(this.entityEvents.get(key) ?? []) });
    this.changes = [];
    this.changedEntities.clear();
    return [...rows.values()];
  }

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
      this.changes.push({ kind: ROW.directory, key: positionKey(event.globalPosition), value: JSON.stringify(event) });
      return null;
    }
    this.keepForRules(event);
    switch (event.type) {
      case 'KudosGiven':
        this.recordKudos(event.data);
        return null;
      case 'RecognitionAwarded':
        if (event.data.recognitionId && !this.knownAwards.has(event.data.recognitionId)) this.changes.push({ kind: ROW.award, key: event.data.recognitionId, value: '' });
        if (event.data.recognitionId) this.knownAwards.add(event.data.recognitionId);
        return null;
      case 'ChannelJoined':
        if (event.data.channelName) {
          const key = channelKey(event.data.tool, event.data.channelId);
          this.channelNames.set(key, event.data.channelName);
          this.changes.push({ kind: ROW.channel, key, value: event.data.channelName });
        }
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
    const kept: MessagePostedJson = data.kudosText ? { author: data.author, kudosText: data.kudosText, mentions: data.mentions } : { author: data.author };
    const key = messageKey(data.tool, data.channelId, data.messageId);
    this.messages.set(key, kept);
    this.changes.push({ kind: ROW.message, key, value: JSON.stringify(kept) });
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
    if (decision.outcome === 'given') this.recordKudos(decision.data);
    return decision;
  }

  /** The ledger keeps what the limits read; a kudos recorded once (decided, then read back) is one row. */
  private recordKudos(kudos: KudosGivenJson): void {
    if (!kudos.kudosId || this.ledger.has(kudos.kudosId)) return;
    this.ledger.record(kudos);
    if (!this.ledger.has(kudos.kudosId)) return;
    const counted: KudosGivenJson = { kudosId: kudos.kudosId, fromPersonId: kudos.fromPersonId, toPersonIds: kudos.toPersonIds ?? [], givenAt: kudos.givenAt };
    this.changes.push({ kind: ROW.kudos, key: kudos.kudosId, value: JSON.stringify(counted) });
  }

  private context() {
    return { directory: this.currentDirectory(), history: this.ledger };
  }

  private keepForRules(event: CanonicalEvent): void {
    if (ON_CALL_TYPES.has(event.type)) {
      this.onCallEvents.push(event);
      this.changes.push({ kind: ROW.onCall, key: event.eventId, value: JSON.stringify(event) });
    }
    const key = entityKeyOf(event);
    if (key === null || this.entityIds.has(event.eventId)) return;
    this.entityIds.add(event.eventId);
    const events = this.entityEvents.get(key);
    if (events) events.push(event);
    else this.entityEvents.set(key, [event]);
    this.staleFacts.add(key);
    this.changedEntities.add(key);
  }
}
