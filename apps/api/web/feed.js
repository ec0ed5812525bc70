// The recognition feed, live: the latest kudos and recognitions, and each new one as it happens.
// People appear here and only here: Tandem recognizes individuals, it does not rank them.
import { h, message, show } from './dom.js';
import { formatAgo, formatDateTime } from './format.js';

const ITEM_FIELDS = 'id kind sentence message occurredAt from { id name } to { id name } teams';

const FEED = `query RecognitionFeed($team: String, $after: String) {
  recognitionFeed(first: 20, team: $team, after: $after) {
    edges { node { ${ITEM_FIELDS} } cursor }
    pageInfo { hasNextPage endCursor }
  }
}`;

const AWARDED = `subscription RecognitionAwarded($team: String) {
  recognitionAwarded(team: $team) { ${ITEM_FIELDS} }
}`;

const STATUS_TEXT = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', off: 'not live' };

let stopLive = () => {};

function people(list) {
  return list.map((person) => person.name).join(', ');
}

function item(recognition, { fresh = false } = {}) {
  const who =
    recognition.kind === 'KUDOS' && recognition.from
      ? `${recognition.from.name} → ${people(recognition.to)}`
      : recognition.to.length > 0
        ? people(recognition.to)
        : recognition.teams.join(', ');
  return h(
    `li.recognition${fresh ? '.fresh' : ''}`,
    { 'data-id': recognition.id },
    h('p.recognition-head', {}, h('span.kind', {}, recognition.kind === 'KUDOS' ? 'Kudos' : 'Recognized'), ' ', h('strong', {}, who)),
    // A kudos' head already says who thanked whom: its own words follow. A recognition is its sentence.
    h('p.sentence', {}, recognition.kind === 'KUDOS' && recognition.message ? recognition.message : recognition.sentence),
    h(
      'p.recognition-meta',
      {},
      h('time', { datetime: recognition.occurredAt, title: formatDateTime(recognition.occurredAt) }, formatAgo(recognition.occurredAt)),
      recognition.teams.length > 0 ? ` · ${recognition.teams.join(', ')}` : '',
    ),
  );
}

export async function renderFeed(api, context, container) {
  stopLive();
  const team = context.scopeInput?.team ?? null;
  const status = h('span.live-status', { 'data-status': 'connecting' }, STATUS_TEXT.connecting);
  const list = h('ol.feed');
  const announcer = h('p.visually-hidden', { 'aria-live': 'polite' });
  const more = h('div.feed-more');
  const seen = new Set();
  const setStatus = (value) => {
    status.dataset.status = value;
    status.textContent = STATUS_TEXT[value];
  };

  const loadPage = async (after) => {
    const { recognitionFeed } = await api.query(FEED, { team, after });
    for (const edge of recognitionFeed.edges) {
      if (seen.has(edge.node.id)) continue;
      seen.add(edge.node.id);
      list.append(item(edge.node));
    }
    show(
      more,
      recognitionFeed.pageInfo.hasNextPage
        ? h('button.link', { type: 'button', onclick: () => loadPage(recognitionFeed.pageInfo.endCursor).catch((error) => show(more, message('error', error.plain))) }, 'Show older recognitions')
        : null,
    );
    if (seen.size === 0) show(list, h('li.empty', {}, 'No recognitions yet. They appear here as they happen.'));
  };

  show(container, message('info loading', 'Loading the recognition feed…'));
  try {
    await loadPage(null);
  } catch (error) {
    show(container, message(error.code === 'UNAVAILABLE_FIELD' ? 'info unavailable' : 'error', error.code === 'UNAVAILABLE_FIELD' ? 'The recognition feed is not available on this Tandem yet.' : error.plain));
    return;
  }
  show(container, h('p.feed-head', {}, team ? `Recognitions involving ${context.scopeName}` : 'Recognitions across the organisation', ' · ', status), announcer, list, more);

  stopLive = api.subscribe(AWARDED, { team }, {
    onData: ({ recognitionAwarded: recognition }) => {
      setStatus('live');
      if (seen.has(recognition.id)) return;
      seen.add(recognition.id);
      list.querySelector('li.empty')?.remove();
      list.prepend(item(recognition, { fresh: true }));
      announcer.textContent = `New recognition: ${recognition.sentence}`;
    },
    onError: (error) => {
      setStatus('off');
      status.title = error.plain;
    },
    onStatus: setStatus,
  });
}

/** Stops the live updates (sign-out). */
export function stopFeed() {
  stopLive();
  stopLive = () => {};
}
