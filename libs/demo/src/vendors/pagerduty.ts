import type { DemoDelivery } from '../demo-delivery';
import type { DemoPerson } from '../organization/demo-organization';
import type { Page } from '../story/story-model';
import { TEMPLATES } from './fixture-templates';
import { jsonBody } from './payload';

const API = 'https://api.pagerduty.com';
const WEB = 'https://northwind.pagerduty.com';

/** Ids the renderer needs besides the story's: PagerDuty's event ids and webhook ids. */
export interface PagerdutyIds {
  eventId(): string;
  deliveryId(): string;
}

/** PagerDuty V3 webhooks (incident.triggered / acknowledged / responder.added / resolved) from the Zulip captures. */
export class PagerdutyPayloads {
  private readonly subscriptionId = 'PSUB7W3';

  constructor(private readonly ids: PagerdutyIds) {}

  triggered(page: Page): DemoDelivery {
    return this.incidentEvent(TEMPLATES.pagerduty.triggered, 'incident.triggered', page, page.triggeredAt, null, 'triggered', ['PageTriggered', 'IncidentDeclared']);
  }

  acknowledged(page: Page, by: DemoPerson, at: number): DemoDelivery {
    return this.incidentEvent(TEMPLATES.pagerduty.acknowledged, 'incident.acknowledged', page, at, by, 'acknowledged', ['PageAcknowledged', 'IncidentAcknowledged']);
  }

  resolved(page: Page, by: DemoPerson, at: number): DemoDelivery {
    return this.incidentEvent(TEMPLATES.pagerduty.resolved, 'incident.resolved', page, at, by, 'resolved', ['PageResolved', 'IncidentResolved']);
  }

  responderAdded(page: Page, responder: DemoPerson, requestedBy: DemoPerson, at: number): DemoDelivery {
    const template = TEMPLATES.pagerduty.responderAdded;
    return this.delivery(at, ['ResponderAdded'], {
      event: {
        ...template.event,
        id: this.ids.eventId(),
        event_type: 'incident.responder.added',
        occurred_at: new Date(at).toISOString(),
        agent: { ...this.userReference(requestedBy) },
        data: {
          ...template.event.data,
          incident: {
            id: page.id,
            type: 'incident_reference',
            self: `${API}/incidents/${page.id}`,
            html_url: `${WEB}/incidents/${page.id}`,
            summary: page.title,
          },
          user: this.userReference(responder),
          escalation_policy: this.escalationPolicy(page),
          message: `Please help with "${page.title}"`,
          state: 'pending',
          type: 'incident_responder',
        },
      },
    });
  }

  private incidentEvent(
    template: { event: { data: object } },
    eventType: string,
    page: Page,
    at: number,
    agent: DemoPerson | null,
    status: string,
    expectedEvents: DemoDelivery['expectedEvents'],
  ): DemoDelivery {
    const { service } = page;
    return this.delivery(at, expectedEvents, {
      event: {
        ...template.event,
        id: this.ids.eventId(),
        event_type: eventType,
        occurred_at: new Date(at).toISOString(),
        // Triggers come from the monitoring integration, not a person.
        agent: agent
          ? this.userReference(agent)
          : { html_url: `${WEB}/services/${service.paging.id}`, id: service.paging.id, self: `${API}/services/${service.paging.id}`, summary: service.paging.name, type: 'service_reference' },
        data: {
          ...template.event.data,
          id: page.id,
          self: `${API}/incidents/${page.id}`,
          html_url: `${WEB}/incidents/${page.id}`,
          number: page.number,
          status,
          title: page.title,
          service: { html_url: `${WEB}/services/${service.paging.id}`, id: service.paging.id, self: `${API}/services/${service.paging.id}`, summary: service.paging.name, type: 'service_reference' },
          assignees: status === 'resolved' ? [] : [this.userReference(page.onCall)],
          escalation_policy: this.escalationPolicy(page),
          priority: { html_url: `${WEB}/account/incident_priorities`, id: `PRIO${page.priority}`, self: `${API}/priorities/PRIO${page.priority}`, summary: page.priority, type: 'priority_reference' },
          urgency: page.urgency,
          resolve_reason: null,
        },
      },
    });
  }

  private escalationPolicy(page: Page): object {
    const id = `EP${page.service.paging.id.slice(1)}`;
    return { html_url: `${WEB}/escalation_policies/${id}`, id, self: `${API}/escalation_policies/${id}`, summary: `${page.service.operatedBy} on-call`, type: 'escalation_policy_reference' };
  }

  private userReference(person: DemoPerson): object {
    return { html_url: `${WEB}/users/${person.pagerduty}`, id: person.pagerduty, self: `${API}/users/${person.pagerduty}`, summary: person.name, type: 'user_reference' };
  }

  private delivery(at: number, expectedEvents: DemoDelivery['expectedEvents'], body: object): DemoDelivery {
    const deliveryId = this.ids.deliveryId();
    return {
      source: 'pagerduty',
      deliveryId,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'PagerDuty-Webhook/V3.0',
        'x-webhook-id': deliveryId,
        'x-webhook-subscription': this.subscriptionId,
      },
      body: jsonBody(body),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }
}
