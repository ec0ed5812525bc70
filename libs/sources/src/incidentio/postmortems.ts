import { streamFor } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent } from '../normalizer';
import { timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { INCIDENTIO, incidentioIdentity, type FieldPaths } from './incidentio-model';
import type { IncidentioPostmortemStatusChange } from './incidentio-payload';

/**
 * `postmortem_document_status_updated_v1`, on the stream `postmortem-incidentio-<id>`. The
 * document's statuses are not_started, created, review, complete:
 * - created → PostmortemStarted at the document's `created_at`;
 * - complete → PostmortemPublished at the document's `updated_at` (the payload has no
 *   `published_at`; the status change is the document's last update);
 * - not_started, review → nothing to record (`ignored`).
 * The document's editors are its authors (incident.io does not tell authors from reviewers).
 */
export function postmortemStatusUpdated(change: IncidentioPostmortemStatusChange, paths: FieldPaths): DerivedEvent[] | { ignored: string } {
  const document = change.postmortem_document;
  const streamId = streamFor.postmortem(INCIDENTIO, document.id);
  const incident = { tool: INCIDENTIO, id: document.incident_id };
  const authors = (document.editors ?? []).map((editor) => ({ identity: incidentioIdentity(editor) }));
  switch (change.new_status) {
    case 'created': {
      const startedAt = timeAt(fromIsoTime, document.created_at, paths.at('postmortem_document.created_at'));
      return [
        {
          type: 'PostmortemStarted',
          streamId,
          occurredAt: startedAt,
          data: { tool: INCIDENTIO, postmortemId: document.id, incident, startedAt, ...(authors.length > 0 ? { authors } : {}) },
        },
      ];
    }
    case 'complete': {
      const publishedAt = timeAt(fromIsoTime, document.updated_at, paths.at('postmortem_document.updated_at'));
      if (authors.length === 0) {
        throw new NormalizationError('MALFORMED', `${paths.at('postmortem_document.editors')}: a completed post-mortem names no editor to be its author`);
      }
      return [{ type: 'PostmortemPublished', streamId, occurredAt: publishedAt, data: { tool: INCIDENTIO, postmortemId: document.id, incident, authors, publishedAt } }];
    }
    case 'not_started':
    case 'review':
      return { ignored: `post-mortem status "${change.new_status}" is neither started nor published` };
    default:
      throw new NormalizationError('MALFORMED', `${paths.at('new_status')}: expected not_started, created, review or complete, received "${change.new_status}"`);
  }
}
