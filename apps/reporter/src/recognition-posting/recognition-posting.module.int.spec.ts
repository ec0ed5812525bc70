import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { toStoredEvent } from '@tandem/contracts';
import { parseOrganization } from '@tandem/directory';
import { FakeSlackApi, FakeTeamsWebhook } from '@tandem/notify-testing';
import { applyOrganization, readDirectory } from '@tandem/organization';
import { PROJECTION_STORE, type ProjectionStore } from '@tandem/projections';
import { decideKudos, KudosLedger } from '@tandem/recognition';
import { startApp, type RunningApp } from '@tandem/runtime';
import { expectEventually } from '@tandem/testing';
import { RECOGNITION_POSTING } from './posting-batches';
import { RecognitionPostingModule } from './recognition-posting.module';

const EVENTUALLY = { timeoutMs: 30_000, intervalMs: 50 };
const TOKEN = 'xoxb-1234-5678-module';

// The Teams webhook is not in the file: TANDEM_TEAMS_POST_WEBHOOK_URL gives it.
const TANDEM_YAML = `organization: { name: Module Test, timezone: UTC }
teams:
  - { slug: sre, name: SRE, kind: sre }
people:
  - { id: megan, name: Megan, identities: { slack: U123ABC456 }, memberships: [ { team: sre, from: 2026-01-01 } ] }
  - { id: bob, name: Bob, identities: { slack: U222222222 }, memberships: [ { team: sre, from: 2026-01-01 } ] }
recognition: { postTo: { slack: { channel: C0KUDOS01 }, teams: {} } }
`;

describe('RecognitionPostingModule in an embedded process', () => {
  const slack = new FakeSlackApi({ botToken: TOKEN, channels: ['C0KUDOS01'] });
  const teams = new FakeTeamsWebhook();
  let folder: string;
  let running: RunningApp;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    folder = mkdtempSync(join(tmpdir(), 'tandem-posting-module-'));
    writeFileSync(join(folder, 'tandem.yaml'), TANDEM_YAML);
    const config = loadConfig({
      TANDEM_DATA_DIR: join(folder, 'data'),
      TANDEM_CONFIG: join(folder, 'tandem.yaml'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      TANDEM_SLACK_BOT_TOKEN: TOKEN,
      TANDEM_SLACK_API_URL: slack.apiUrl,
      TANDEM_TEAMS_POST_WEBHOOK_URL: teams.webhookUrl,
    });
    running = await startApp({ service: 'reporter', modules: [RecognitionPostingModule] }, config);
  });

  afterAll(async () => {
    await running?.app.close();
    await Promise.all([slack.close(), teams.close()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads tandem.yaml and the environment, follows the store and posts a new kudos to both channels', async () => {
    const { eventStore } = running.infrastructure;
    await applyOrganization(eventStore, parseOrganization(TANDEM_YAML), { by: 'test', at: '2026-01-01T00:00:00Z' });
    // The poster has read the organisation (its checkpoint is at the head): what comes next is new.
    const head = await eventStore.headPosition();
    const store = running.app.get<ProjectionStore>(PROJECTION_STORE);
    await expectEventually(async () => expect((await store.generations(RECOGNITION_POSTING))[0]?.position).toBe(head), EVENTUALLY);

    const decision = decideKudos(
      { origin: 'api', requestId: 'module-1', fromPersonId: 'megan', to: ['bob'], message: 'the on-call handbook', at: new Date().toISOString() },
      { directory: await readDirectory(eventStore), history: new KudosLedger() },
    );
    if (decision.outcome !== 'given') throw new Error(decision.outcome);
    await eventStore.append(decision.streamId, [toStoredEvent(decision.event)]);

    await expectEventually(() => expect(slack.posted.map((message) => [message.channel, message.text])).toEqual([['C0KUDOS01', 'Kudos from Megan to Bob: the on-call handbook']]), EVENTUALLY);
    await expectEventually(() => expect(teams.cards).toHaveLength(1), EVENTUALLY);
  });
});
