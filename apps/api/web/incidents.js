// The incident list with milestones, newest first: for admins, and for leads of the team shown.
import { h, message, show } from './dom.js';
import { formatCount, formatDateTime, formatDuration } from './format.js';

const INCIDENTS = `query Incidents($team: String, $from: DateTime!, $to: DateTime!, $after: String) {
  incidents(team: $team, from: $from, to: $to, first: 50, after: $after) {
    totalCount
    edges { node { key tool sourceId title severity services teams milestones { impactStart triggered acknowledged mitigated resolved } links { relation to } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Pages of 50 (within the query cost limit) read at most; the API gives the window earliest first, the page shows the newest. */
const MAX_PAGES = 10;
const SHOWN_AT_FIRST = 20;

function milestone(incident, name) {
  const at = incident.milestones[name];
  const triggered = incident.milestones.triggered;
  if (!at) return h('td.pending', {}, '—');
  if (name === 'triggered' || !triggered) return h('td', {}, h('time', { datetime: at }, formatDateTime(at)));
  const seconds = (Date.parse(at) - Date.parse(triggered)) / 1000;
  return h('td', {}, h('time', { datetime: at, title: formatDateTime(at) }, `${seconds < 0 ? '−' : '+'}${formatDuration(Math.abs(seconds))}`));
}

function row(incident) {
  const caused = incident.links.filter((link) => link.relation === 'caused_by').length;
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, incident.title ?? incident.sourceId, h('small', {}, `${incident.tool} ${incident.sourceId}${caused > 0 ? ` · linked to ${caused} deployment${caused > 1 ? 's' : ''}` : ''}`)),
    h('td', {}, incident.severity ? h('span.severity', {}, incident.severity) : '—'),
    h('td', {}, incident.services.join(', ')),
    h('td', {}, incident.teams.join(', ')),
    ['triggered', 'acknowledged', 'mitigated', 'resolved'].map((name) => milestone(incident, name)),
  );
}

function table(incidents, limit) {
  return h(
    'div.table-scroll',
    { tabindex: 0, role: 'region', 'aria-label': 'Incidents' },
    h(
      'table.incidents',
      {},
      h('caption.visually-hidden', {}, 'Incidents, newest first; acknowledged, mitigated and resolved are times after the trigger'),
      h('thead', {}, h('tr', {}, ['Incident', 'Severity', 'Services', 'Teams', 'Triggered', 'Acknowledged', 'Mitigated', 'Resolved'].map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, incidents.slice(0, limit).map(row)),
    ),
  );
}

/** Which incidents this token may list for the scope, or why none. */
function listFor(context) {
  const { viewer } = context;
  const team = context.scopeInput?.team;
  if (viewer.role === 'MEMBER') return { refused: 'The incident list needs a lead or admin token: this token is a member’s. A lead sees their own teams’ incidents.' };
  if (team) return viewer.role === 'ADMIN' || viewer.teams.includes(team) ? { team } : { refused: `The incident list of this team is for admins and its leads; this token leads ${viewer.teams.join(', ') || 'no team'}.` };
  if (viewer.role === 'ADMIN') return { team: null };
  return { pick: viewer.teams };
}

export async function renderIncidents(api, context, container, { selectTeam }) {
  const list = listFor(context);
  if (list.refused) return show(container, message('info needs-lead', list.refused));
  if (list.pick) {
    return show(
      container,
      message('info', 'A lead sees the incidents of their own teams: choose one.'),
      h('p.choices', {}, list.pick.map((slug) => h('button.secondary', { type: 'button', onclick: () => selectTeam(slug) }, context.teams.find((team) => team.slug === slug)?.name ?? slug))),
    );
  }
  show(container, message('info loading', 'Loading the incidents…'));
  const incidents = [];
  let totalCount = 0;
  try {
    let after = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const { incidents: connection } = await api.query(INCIDENTS, { team: list.team, from: context.from, to: context.to, after });
      totalCount = connection.totalCount;
      incidents.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
  } catch (error) {
    return show(container, message(error.code === 'FORBIDDEN' ? 'info needs-lead' : 'error', error.plain));
  }
  if (incidents.length === 0) return show(container, message('info', 'No incidents were triggered in this window.'));
  incidents.reverse();
  const render = (limit) =>
    show(
      container,
      h('p.window', {}, `${formatCount(totalCount)} incident${totalCount === 1 ? '' : 's'} triggered in the window${incidents.length < totalCount ? ` (only the earliest ${formatCount(incidents.length)} read: choose fewer weeks to see the latest)` : ''}, newest first.`),
      table(incidents, limit),
      incidents.length > limit ? h('button.link', { type: 'button', onclick: () => render(limit + 50) }, 'Show more incidents') : null,
    );
  render(SHOWN_AT_FIRST);
}
