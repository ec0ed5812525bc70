import type { EventType } from '@tandem/contracts';
import { isoMicros } from '../calendar';
import type { DemoDelivery } from '../demo-delivery';
import type { DemoOrganization, DemoPerson } from '../organization/demo-organization';
import type { FollowUp, MajorIncident } from '../story/story-model';
import { TEMPLATES } from './fixture-templates';
import { jsonBody, pickKeysOf } from './payload';

type StatusCategory = 'live' | 'learning' | 'closed';

const STATUSES: Readonly<Record<StatusCategory, { id: string; name: string; rank: number; description: string }>> = {
  live: { id: '01GZ0STATUSLIVE000000000000', name: 'Investigating', rank: 1, description: "We're working out what is wrong." },
  learning: { id: '01GZ0STATUSLEARNING0000000', name: 'Post-incident', rank: 3, description: "Impact is over; we're learning from it." },
  closed: { id: '01GZ0STATUSCLOSED000000000', name: 'Closed', rank: 4, description: 'The incident and its follow-ups are wrapped up.' },
};

const SEVERITIES: Readonly<Record<1 | 2 | 3, { id: string; name: string; description: string }>> = {
  1: { id: '01GZ0SEVERITYMINOR00000000', name: 'Minor', description: 'Issues with **low impact**.' },
  2: { id: '01GZ0SEVERITYMAJOR00000000', name: 'Major', description: 'Issues with **significant impact** for customers.' },
  3: { id: '01GZ0SEVERITYCRITICAL00000', name: 'Critical', description: 'A **full outage** of a customer-facing service.' },
};

const ROLE_TEMPLATE = TEMPLATES.incidentio.incident['public_incident.incident_created_v2'].incident_role_assignments[0].role;

/**
 * incident.io webhooks (incident created / updated / status updated, follow-ups, post-mortem
 * status) from the OpenAPI examples. Those examples fill every alternative of a union at once (a
 * creator that is a user, an API key, an alert and a workflow); a real delivery has one, so the
 * demo sends the user alone.
 */
export class IncidentioPayloads {
  constructor(
    private readonly org: DemoOrganization,
    private readonly nextDeliveryId: () => string,
  ) {}

  created(incident: MajorIncident): DemoDelivery {
    const roles = this.roleAssignments(incident, incident.declaredAt);
    return this.delivery('public_incident.incident_created_v2', incident.declaredAt, ['IncidentDeclared', ...roles.map((): EventType => 'IncidentRoleAssigned')], this.incidentResource(incident, 'live', incident.declaredAt));
  }

  /** The incident as it is at `at`: incident.io sends the whole resource, not what changed. */
  updated(incident: MajorIncident, at: number): DemoDelivery {
    const roles = this.roleAssignments(incident, at);
    return this.delivery(
      'public_incident.incident_updated_v2',
      at,
      ['IncidentStatusChanged', 'IncidentSeverityChanged', ...roles.map((): EventType => 'IncidentRoleAssigned'), 'IncidentChannelLinked'],
      this.incidentResource(incident, this.categoryAt(incident, at), at),
    );
  }

  statusUpdated(incident: MajorIncident, previous: StatusCategory, next: StatusCategory, at: number, message: string): DemoDelivery {
    const template = TEMPLATES.incidentio.statusUpdated['public_incident.incident_status_updated_v2'];
    const resolves = previous === 'live' && next !== 'live';
    return this.delivery('public_incident.incident_status_updated_v2', at, resolves ? ['IncidentStatusChanged', 'IncidentResolved'] : ['IncidentStatusChanged'], {
      ...template,
      incident: pickKeysOf(template.incident, this.incidentResource(incident, next, at)),
      message,
      new_status: this.status(next, at),
      previous_status: this.status(previous, at),
    });
  }

  followUpCreated(followUp: FollowUp): DemoDelivery {
    return this.delivery('public_incident.follow_up_created_v2', followUp.createdAt, ['ActionItemCreated'], this.followUpResource(followUp, followUp.createdAt));
  }

  followUpCompleted(followUp: FollowUp, at: number): DemoDelivery {
    return this.delivery('public_incident.follow_up_updated_v2', at, ['ActionItemAssigned', 'ActionItemClosed'], this.followUpResource(followUp, at));
  }

  postmortem(incident: MajorIncident, documentId: string, editors: readonly DemoPerson[], createdAt: number, status: 'created' | 'complete', at: number): DemoDelivery {
    const template = TEMPLATES.incidentio.postmortem['public_incident.postmortem_document_status_updated_v1'];
    return this.delivery('public_incident.postmortem_document_status_updated_v1', at, [status === 'created' ? 'PostmortemStarted' : 'PostmortemPublished'], {
      ...template,
      new_status: status,
      postmortem_document: {
        ...template.postmortem_document,
        created_at: isoMicros(createdAt, 0),
        document_url: `https://app.incident.io/northwind/incidents/${incident.reference}/post-mortems/${documentId}`,
        editors: editors.map((editor) => this.user(editor)),
        exported_urls: [],
        id: documentId,
        incident_id: incident.id,
        status: status === 'complete' ? 'completed' : 'in_progress',
        title: `${incident.reference}: ${incident.name}`,
        updated_at: isoMicros(at, 0),
      },
      previous_status: status === 'created' ? 'not_started' : 'review',
    });
  }

  private categoryAt(incident: MajorIncident, at: number): StatusCategory {
    if (at >= incident.closedAt) return 'closed';
    return at >= incident.resolvedAt ? 'learning' : 'live';
  }

  private roleAssignments(incident: MajorIncident, at: number): object[] {
    const lead = {
      assignee: this.user(incident.lead),
      role: { ...ROLE_TEMPLATE, created_at: isoMicros(incident.declaredAt, 0), updated_at: isoMicros(incident.declaredAt, 0) },
    };
    const others = incident.roles
      .filter((role) => role.at <= at)
      .map((role) => ({
        assignee: this.user(role.person),
        role: {
          ...ROLE_TEMPLATE,
          id: role.role === 'Technical Lead' ? '01GZ0ROLETECHLEAD000000000' : '01GZ0ROLECOMMSLEAD00000000',
          name: role.role,
          description: role.role === 'Technical Lead' ? 'Leads the technical investigation' : 'Keeps stakeholders informed',
          instructions: role.role === 'Technical Lead' ? 'Coordinate the fix with the owning team' : 'Post updates every 30 minutes',
          role_type: 'custom',
          shortform: role.role === 'Technical Lead' ? 'tech-lead' : 'comms',
          created_at: isoMicros(role.at, 0),
          updated_at: isoMicros(role.at, 0),
        },
      }));
    return [lead, ...others];
  }

  private incidentResource(incident: MajorIncident, category: StatusCategory, at: number): Record<string, unknown> {
    const template = TEMPLATES.incidentio.incident['public_incident.incident_created_v2'];
    const field = template.custom_field_entries[0];
    const severity = SEVERITIES[incident.severityRank];
    const number = incident.reference.replace('INC-', '');
    return {
      ...template,
      call_url: `https://meet.northwind.example/${incident.reference.toLowerCase()}`,
      created_at: isoMicros(incident.declaredAt, 0),
      creator: { user: this.user(incident.creator) },
      custom_field_entries: [
        {
          custom_field: { ...field.custom_field, id: '01GZ0FIELDSERVICE000000000', name: 'Affected service', description: 'The service whose customers are impacted', field_type: 'single_select', options: [] },
          values: [
            {
              value_catalog_entry: {
                aliases: [incident.service.slug],
                external_id: incident.service.slug,
                id: incident.service.catalogEntryId,
                name: incident.service.name,
              },
            },
          ],
        },
      ],
      duration_metrics: [],
      external_issue_reference: null,
      has_debrief: false,
      id: incident.id,
      incident_role_assignments: this.roleAssignments(incident, at),
      incident_status: this.status(category, at),
      incident_timestamp_values: [
        { ...template.incident_timestamp_values[0], value: { value: isoMicros(incident.impactStartedAt, 0) } },
      ],
      last_activity_at: isoMicros(at, 0),
      mode: 'standard',
      most_recent_update_message: category === 'live' ? "We're investigating and will update in 30 minutes" : 'Impact is over; the post-mortem is under way',
      ms_teams_channel_url: null,
      name: incident.name,
      permalink: `https://app.incident.io/northwind/incidents/${number}`,
      postmortem_document_ids: [],
      postmortem_document_url: null,
      reference: incident.reference,
      related_incidents: [],
      severity: { ...template.severity, ...severity, rank: incident.severityRank, created_at: isoMicros(incident.declaredAt, 0), updated_at: isoMicros(incident.declaredAt, 0) },
      slack_channel_id: incident.channel.id,
      slack_channel_name: incident.channel.name,
      slack_channel_url: `https://slack.com/app_redirect?team=${this.org.slack.teamId}&channel=${incident.channel.id}`,
      slack_team_id: this.org.slack.teamId,
      summary: `${incident.service.name} is degraded for customers.`,
      team_ids: [],
      updated_at: isoMicros(at, 0),
      visibility: 'public',
      workload_minutes_late: 0,
      workload_minutes_sleeping: 0,
      workload_minutes_total: Math.round((at - incident.declaredAt) / 60_000),
      workload_minutes_working: Math.round((at - incident.declaredAt) / 60_000),
    };
  }

  private followUpResource(followUp: FollowUp, at: number): object {
    const template = TEMPLATES.incidentio.followUp['public_incident.follow_up_created_v2'];
    const completed = followUp.completedAt !== undefined && followUp.completedAt <= at;
    return {
      ...template,
      assignee: this.user(followUp.assignee),
      assignee_team: null,
      completed_at: completed && followUp.completedAt !== undefined ? isoMicros(followUp.completedAt, 0) : null,
      created_at: isoMicros(followUp.createdAt, 0),
      creator: { user: this.user(followUp.creator) },
      description: `Follow-up of ${followUp.incident.reference}`,
      external_issue_reference: null,
      id: followUp.id,
      incident_id: followUp.incident.id,
      labels: [],
      priority: template.priority,
      status: completed ? 'completed' : 'outstanding',
      title: followUp.title,
      updated_at: isoMicros(at, 0),
    };
  }

  private status(category: StatusCategory, at: number): object {
    const status = STATUSES[category];
    return { category, created_at: isoMicros(Date.parse(`${this.org.membershipsFrom}T09:00:00Z`), 0), description: status.description, id: status.id, name: status.name, rank: status.rank, updated_at: isoMicros(at, 0) };
  }

  private user(person: DemoPerson): object {
    return { email: person.email, id: person.incidentio, name: person.name, role: 'responder', slack_user_id: person.slack };
  }

  private delivery(eventType: string, at: number, expectedEvents: DemoDelivery['expectedEvents'], resource: object): DemoDelivery {
    const deliveryId = this.nextDeliveryId();
    return {
      source: 'incidentio',
      deliveryId,
      headers: { 'content-type': 'application/json', 'user-agent': 'Svix-Webhooks/1.56.0', 'webhook-id': deliveryId },
      body: jsonBody({ event_type: eventType, [eventType]: resource }),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }
}
