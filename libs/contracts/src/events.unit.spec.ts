import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getOption, type DescField, type DescFile, type DescMessage } from '@bufbuild/protobuf';
import { EVENT_SCHEMAS, EVENT_TYPES, isEventType } from './events';
import { required } from './gen/tandem/events/v1/options_pb';

const GENERATED = join(__dirname, 'gen/tandem/events/v1');
// Value types and options, not events: every other generated file holds only events.
const NOT_EVENT_FILES = new Set(['tandem/events/v1/common.proto', 'tandem/events/v1/options.proto']);

async function generatedFiles(): Promise<DescFile[]> {
  const modules = readdirSync(GENERATED).filter((name) => name.endsWith('_pb.ts'));
  const loaded = await Promise.all(modules.map(async (name) => (await import(join(GENERATED, name))) as Record<string, unknown>));
  return loaded.flatMap((exports) => Object.entries(exports).filter(([name]) => name.startsWith('file_')).map(([, file]) => file as DescFile));
}

function allMessages(message: DescMessage): DescMessage[] {
  return [message, ...message.nestedMessages.flatMap(allMessages)];
}

describe('the event registry', () => {
  it('has a schema for exactly the messages of the event files, read from the generated descriptors', async () => {
    const files = await generatedFiles();
    const eventFiles = files.filter((file) => !NOT_EVENT_FILES.has(file.proto.name ?? ''));
    expect(eventFiles.map((file) => file.name).sort()).toEqual([
      'tandem/events/v1/chat',
      'tandem/events/v1/deployments',
      'tandem/events/v1/directory',
      'tandem/events/v1/git',
      'tandem/events/v1/incidents',
      'tandem/events/v1/paging',
      'tandem/events/v1/postmortems',
      'tandem/events/v1/recognition',
    ]);
    const messageNames = eventFiles.flatMap((file) => file.messages.map((message) => message.name));
    expect([...messageNames].sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(64);
  });

  it('files each schema under its own message name', () => {
    const misfiled = EVENT_TYPES.filter((type) => EVENT_SCHEMAS[type].typeName !== `tandem.events.v1.${type}`);
    expect(misfiled).toEqual([]);
  });

  it('names every event in the past tense (a participle, maybe followed by its complement)', () => {
    const irregularParticiples = new Set(['Given', 'Left', 'Set']);
    // Kept as GitHub names the action (ready_for_review); it reads as "became ready".
    const knownExceptions = new Set(['PullRequestReadyForReview']);
    const isParticiple = (word: string) => word.endsWith('ed') || irregularParticiples.has(word);
    const notPast = EVENT_TYPES.filter((type) => !knownExceptions.has(type) && !(type.match(/[A-Z][a-z]*/g) ?? []).some(isParticiple));
    expect(notPast).toEqual([]);
  });

  it('marks as required only fields that can be unset: no bool, no explicit `optional`', async () => {
    const files = await generatedFiles();
    const fields: DescField[] = files.flatMap((file) => file.messages.flatMap(allMessages)).flatMap((message) => message.fields);
    const misuse = fields
      .filter((field) => getOption(field, required))
      .filter((field) => field.proto.proto3Optional || (field.fieldKind === 'scalar' && field.proto.type === 8 /* TYPE_BOOL */))
      .map((field) => `${field.parent.name}.${field.name}`);
    expect(misuse).toEqual([]);
  });

  it('recognizes event type names', () => {
    expect(isEventType('PullRequestMerged')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType('PullRequestExploded')).toBe(false);
  });
});
