import type { Directory } from '@tandem/directory';
import { listing, nameOf } from '../shared/wording';
import type { FeedItem } from './feed-item';

/**
 * The one sentence a feed item reads as (the web page, a chat post): an automatic recognition's
 * own sentence ("payments and sre restored checkout together in 18 min"), or who thanked whom and
 * why ("Kudos from Megan to Bob: fixing the checkout alerts at 3am").
 */
export function feedSentence(item: Pick<FeedItem, 'kind' | 'from' | 'to' | 'message'>, directory: Directory): string {
  if (item.kind === 'AUTOMATIC') return item.message;
  const from = item.from === undefined ? 'someone' : nameOf(directory, item.from);
  const to = listing(item.to.map((personId) => nameOf(directory, personId)));
  return item.message === '' ? `Kudos from ${from} to ${to}` : `Kudos from ${from} to ${to}: ${item.message}`;
}
