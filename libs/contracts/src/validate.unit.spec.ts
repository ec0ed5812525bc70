import { ContractError } from './errors';
import { parseEventData, validateEventData } from './validate';

const pagerDutyIncident = {
  tool: 'pagerduty',
  incidentId: 'PGR0VU2',
  severity: 'SEVERITY_SEV2',
  serviceIds: ['PF9KMXH'],
  channel: { tool: 'slack', id: 'C0INC42' },
  declaredAt: '2024-03-01T10:00:00+01:00',
  declaredBy: { tool: 'pagerduty', id: 'PXPGF42', name: 'Ana', bot: false },
};

function reasonOf(type: string, data: unknown): string {
  const result = validateEventData(type, data);
  if (result.ok) throw new Error(`expected ${type} to be rejected`);
  return result.reason;
}

describe('validateEventData', () => {
  it('accepts an incident declaration and returns canonical JSON (UTC times, defaults omitted)', () => {
    expect(validateEventData('IncidentDeclared', pagerDutyIncident)).toEqual({
      ok: true,
      type: 'IncidentDeclared',
      data: {
        tool: 'pagerduty',
        incidentId: 'PGR0VU2',
        severity: 'SEVERITY_SEV2',
        serviceIds: ['PF9KMXH'],
        channel: { tool: 'slack', id: 'C0INC42' },
        declaredAt: '2024-03-01T09:00:00Z',
        declaredBy: { tool: 'pagerduty', id: 'PXPGF42', name: 'Ana' },
      },
    });
  });

  it('accepts a merged PR with proto field names and drops undefined keys', () => {
    const result = validateEventData('PullRequestMerged', {
      tool: 'github',
      repo: 'acme/payments',
      number: 42,
      merged_at: '2024-03-01T12:00:00.250Z',
      merge_commit_sha: 'c0ffee',
      merged_by: undefined,
      author: { tool: 'github', id: 'ana' },
      opened_at: '2024-02-28T08:00:00Z',
      changed_paths: { paths: ['deploy/app.tf'] },
      head_ref: 'feature/x',
      base_ref: 'main',
    });
    expect(result).toEqual({
      ok: true,
      type: 'PullRequestMerged',
      data: {
        tool: 'github',
        repo: 'acme/payments',
        number: 42,
        mergedAt: '2024-03-01T12:00:00.250Z',
        mergeCommitSha: 'c0ffee',
        author: { tool: 'github', id: 'ana' },
        openedAt: '2024-02-28T08:00:00Z',
        changedPaths: { paths: ['deploy/app.tf'] },
        headRef: 'feature/x',
        baseRef: 'main',
      },
    });
  });

  it('keeps a set oneof member and an empty-but-known message', () => {
    const result = validateEventData('IncidentLinkedToDeployment', {
      tool: 'incidentio',
      incidentId: '01HX',
      pullRequest: { tool: 'github', repo: 'acme/payments', number: 7 },
      correctedBy: { personId: 'ana' },
    });
    expect(result.ok && result.data).toEqual({
      tool: 'incidentio',
      incidentId: '01HX',
      pullRequest: { tool: 'github', repo: 'acme/payments', number: 7 },
      correctedBy: { personId: 'ana' },
    });
    const deployment = validateEventData('DeploymentFinished', {
      tool: 'github',
      deploymentId: '1',
      environment: 'production',
      production: true,
      status: 'DEPLOYMENT_STATUS_SUCCESS',
      sha: 'abc',
      finishedAt: '2024-03-01T12:00:00Z',
      includedCommits: {},
    });
    expect(deployment.ok && deployment.type === 'DeploymentFinished' && deployment.data.includedCommits).toEqual({});
  });

  it('rejects an unknown event type', () => {
    expect(reasonOf('IncidentExploded', {})).toBe('unknown event type "IncidentExploded"');
  });

  it('rejects data that is not a JSON object, naming what it got', () => {
    expect(reasonOf('IncidentResolved', [])).toBe('IncidentResolved must be a JSON object, got an array');
    expect(reasonOf('IncidentResolved', { ...pagerDutyIncident, resolvedAt: new Date(0) })).toBe(
      'IncidentResolved.resolvedAt is not JSON: a Date',
    );
  });

  it('rejects a wrong field type, naming the field', () => {
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, incidentId: 42 })).toBe(
      'IncidentDeclared.incidentId: expected string, got 42',
    );
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, serviceIds: ['a', 1] })).toBe(
      'IncidentDeclared.serviceIds: list item #2: expected string, got 1',
    );
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, channel: 'C0INC42' })).toBe(
      'IncidentDeclared.channel: expected a JSON object (ExternalRef), got "C0INC42"',
    );
  });

  it('names the field of a bad timestamp and lists the values of a bad enum', () => {
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, declaredAt: 'yesterday' })).toBe(
      'IncidentDeclared.declaredAt: invalid RFC 3339 string',
    );
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, severity: 'SEV2' })).toBe(
      'IncidentDeclared.severity: expected one of SEVERITY_UNSPECIFIED, SEVERITY_SEV1, SEVERITY_SEV2, SEVERITY_SEV3, SEVERITY_SEV4, SEVERITY_SEV5, got "SEV2"',
    );
  });

  it('rejects unknown fields at any depth with their path', () => {
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, text: 'db is down' })).toBe(
      'IncidentDeclared.text is not a field of IncidentDeclared',
    );
    const page = {
      tool: 'pagerduty',
      pageId: 'P1',
      pagingServiceId: 'S1',
      triggeredAt: '2024-03-01T09:00:00Z',
      incident: { tool: 'pagerduty', id: 'P1' },
      notified: [{ tool: 'pagerduty', id: 'U1' }, { tool: 'pagerduty', id: 'U2', phone: '555' }],
    };
    expect(reasonOf('PageTriggered', page)).toBe('PageTriggered.notified[1].phone is not a field of ExternalIdentity');
  });

  it('rejects missing required fields, nested ones and required choices', () => {
    const { incidentId: _, ...withoutId } = pagerDutyIncident;
    expect(reasonOf('IncidentDeclared', withoutId)).toBe('IncidentDeclared.incidentId is required');
    expect(reasonOf('IncidentDeclared', { ...pagerDutyIncident, declaredBy: { tool: 'pagerduty', id: '' } })).toBe(
      'IncidentDeclared.declaredBy.id is required',
    );
    expect(reasonOf('IncidentLinkedToDeployment', { tool: 'incidentio', incidentId: '01HX', correctedBy: { personId: 'ana' } })).toBe(
      'IncidentLinkedToDeployment: one of deployment, commit, pullRequest is required',
    );
    expect(reasonOf('WorkingHoursSet', { personId: 'ana', timeZone: 'Europe/Paris', hours: [{ day: 'WEEKDAY_MONDAY', endMinute: 0 }], changedBy: 'tandem.yaml' })).toBe(
      'WorkingHoursSet.hours[0].endMinute is required',
    );
  });
});

describe('parseEventData', () => {
  it('returns the canonical data of a valid event', () => {
    expect(parseEventData('ReactionAdded', {
      tool: 'slack',
      channelId: 'C1',
      messageId: '1531420618.000200',
      reactor: { tool: 'slack', id: 'U1' },
      messageAuthor: { tool: 'slack', id: 'U2' },
      emoji: 'raised_hands',
      reactedAt: '2018-07-12T18:36:58.000200Z',
    })).toEqual({
      tool: 'slack',
      channelId: 'C1',
      messageId: '1531420618.000200',
      reactor: { tool: 'slack', id: 'U1' },
      messageAuthor: { tool: 'slack', id: 'U2' },
      emoji: 'raised_hands',
      reactedAt: '2018-07-12T18:36:58.000200Z',
    });
  });

  it('throws a ContractError whose message is the reason', () => {
    let thrown: unknown;
    try {
      parseEventData('TeamDefined', { slug: 'payments', name: 'Payments', kind: 'TEAM_KIND_DEV' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractError);
    expect(thrown).toMatchObject({ code: 'CONTRACTS_INVALID_EVENT_DATA', message: 'TeamDefined.changedBy is required' });
  });
});
