import type { Page, PersonAct } from '../../model/metric-model';
import { isWithin, type MillisWindow } from '../../shared/millis';

/** Pages whose first acknowledgement by a person fell in the window, with that acknowledgement. */
export function pagesAcknowledgedIn(pages: readonly Page[], window: MillisWindow): { page: Page; ack: PersonAct }[] {
  const acknowledged: { page: Page; ack: PersonAct }[] = [];
  for (const page of pages) {
    const ack = page.acknowledgements[0];
    if (ack && isWithin(window, ack.at)) acknowledged.push({ page, ack });
  }
  return acknowledged;
}
