import type { DemoDelivery } from '../demo-delivery';
import type { DemoPerson } from '../organization/demo-organization';
import type { Page } from '../story/story-model';
import { TEMPLATES } from './fixture-templates';

/**
 * Opsgenie's outgoing webhook has nanosecond `updatedAt` values, beyond a double's integer
 * precision: written as text, then placed in the JSON as a number.
 */
function nanoseconds(ms: number, extraNanos: number): string {
  return `${ms}${String(extraNanos).padStart(6, '0')}`;
}

/** Opsgenie alert actions (Create, Acknowledge, Close) from the Zulip captures, for the team that pages with Opsgenie. */
export class OpsgeniePayloads {
  constructor(private readonly nextRequestId: () => string) {}

  created(alert: Page, alias: string): DemoDelivery {
    const template = TEMPLATES.opsgenie.create;
    const requestId = this.nextRequestId();
    return this.delivery(alert, 'Create', alert.triggeredAt, requestId, ['PageTriggered', 'IncidentDeclared'], {
      ...template,
      action: 'Create',
      alert: {
        ...template.alert,
        alertId: alert.id,
        message: alert.title,
        tags: [alert.service.slug, 'production'],
        tinyId: String(alert.number),
        source: 'prometheus-alertmanager',
        entity: alert.service.slug,
        alias,
        createdAt: alert.triggeredAt,
        updatedAt: '@updatedAt',
        username: 'System',
        userId: '',
        recipients: [alert.onCall.email],
        teams: [],
        insertedAt: '@updatedAt',
        priority: Number(alert.priority.slice(1)),
      },
      source: { name: 'prometheus-alertmanager', type: 'API' },
      integrationId: alert.service.paging.id,
      integrationName: alert.service.paging.name,
      integrationType: 'API',
      alertFlowContext: { requestId, traceId: requestId, content: {} },
    });
  }

  acknowledged(alert: Page, alias: string, by: DemoPerson, at: number): DemoDelivery {
    return this.action(TEMPLATES.opsgenie.acknowledge, 'Acknowledge', alert, alias, by, at, ['PageAcknowledged', 'IncidentAcknowledged']);
  }

  closed(alert: Page, alias: string, by: DemoPerson, at: number): DemoDelivery {
    return this.action(TEMPLATES.opsgenie.close, 'Close', alert, alias, by, at, ['PageResolved', 'IncidentResolved']);
  }

  private action(
    template: typeof TEMPLATES.opsgenie.acknowledge | typeof TEMPLATES.opsgenie.close,
    action: string,
    alert: Page,
    alias: string,
    by: DemoPerson,
    at: number,
    expectedEvents: DemoDelivery['expectedEvents'],
  ): DemoDelivery {
    return this.delivery(alert, action, at, undefined, expectedEvents, {
      ...template,
      source: { name: '', type: 'web' },
      alert: {
        ...template.alert,
        updatedAt: '@updatedAt',
        tags: [alert.service.slug, 'production'],
        message: alert.title,
        username: by.email,
        alertId: alert.id,
        source: 'prometheus-alertmanager',
        alias,
        tinyId: String(alert.number),
        createdAt: alert.triggeredAt,
        userId: by.opsgenieUserId,
        entity: alert.service.slug,
      },
      action,
      integrationId: alert.service.paging.id,
      integrationName: alert.service.paging.name,
    });
  }

  private delivery(
    alert: Page,
    action: string,
    at: number,
    requestId: string | undefined,
    expectedEvents: DemoDelivery['expectedEvents'],
    body: object,
  ): DemoDelivery {
    const updatedAt = nanoseconds(at, 1000 + (alert.number % 1000));
    const text = JSON.stringify(body).split('"@updatedAt"').join(updatedAt);
    return {
      source: 'opsgenie',
      // Opsgenie sends no delivery id: the request id on newer payloads, else alert, action and update
      // time as the gateway reads them (the number parsed, hence rounded).
      deliveryId: requestId ?? `${alert.id}:${action}:${String(Number(updatedAt))}`,
      headers: { 'content-type': 'application/json', 'user-agent': 'Opsgenie Webhook' },
      body: Buffer.from(text, 'utf8'),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }
}
