// The page: sign in with an API token, then the scope's KPIs, the review matrix, the incidents and
// the recognition feed, each section loading and failing on its own. What is shown (team, weeks)
// is kept in the address (#team=…&weeks=…) so that it can be bookmarked and shared.
import { createApi } from './api.js';
import { h, show } from './dom.js';
import { initExplanationDialog } from './explain.js';
import { renderFeed, stopFeed } from './feed.js';
import { renderIncidents } from './incidents.js';
import { renderMatrix } from './matrix.js';
import { renderOverview } from './overview.js';

const TOKEN_KEY = 'tandem.apiToken';
const DEFAULT_WEEKS = 12;
const WEEK_MS = 7 * 86400_000;

const SESSION = `query Session {
  viewer { role teams }
  teams { slug name kind }
}`;

const KIND_GROUPS = [
  { label: 'Dev side', kinds: ['DEV'] },
  { label: 'Ops side', kinds: ['OPS', 'SRE', 'PLATFORM'] },
  { label: 'Other teams', kinds: ['OTHER'] },
];

const $ = (id) => document.getElementById(id);

let session = null;

function readAddress() {
  const parameters = new URLSearchParams(location.hash.slice(1));
  const weeks = Number(parameters.get('weeks'));
  return { team: parameters.get('team') || null, weeks: [4, 12, 26].includes(weeks) ? weeks : DEFAULT_WEEKS };
}

function writeAddress(team, weeks) {
  const parameters = new URLSearchParams();
  if (team) parameters.set('team', team);
  if (weeks !== DEFAULT_WEEKS) parameters.set('weeks', String(weeks));
  const hash = parameters.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname);
}

/**
 * The window: whole weeks (Mondays, UTC) up to now, so that the weekly trend's first point is a
 * full week; `to` is rounded to the minute so that an explanation asks for exactly the shown window.
 */
function windowOf(weeks, now = Date.now()) {
  const to = new Date(Math.floor(now / 60_000) * 60_000);
  const monday = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate() - ((to.getUTCDay() + 6) % 7)));
  return { from: new Date(monday.getTime() - (weeks - 1) * WEEK_MS).toISOString(), to: to.toISOString() };
}

function describeViewer(viewer) {
  if (viewer.role === 'ADMIN') return 'Signed in with an admin token';
  if (viewer.role === 'LEAD') return `Signed in as a lead of ${viewer.teams.join(', ') || 'no team'}`;
  return 'Signed in with a member token';
}

function fillScopePicker(teams, selected) {
  const picker = $('scope');
  show(
    picker,
    h('option', { value: '' }, 'Whole organisation'),
    KIND_GROUPS.map((group) => {
      const members = teams.filter((team) => group.kinds.includes(team.kind)).sort((a, b) => a.name.localeCompare(b.name));
      return members.length === 0 ? null : h('optgroup', { label: group.label }, members.map((team) => h('option', { value: team.slug }, team.name)));
    }),
  );
  picker.value = teams.some((team) => team.slug === selected) ? selected : '';
}

function render() {
  if (!session) return;
  const team = $('scope').value || null;
  const weeks = Number($('weeks').value);
  writeAddress(team, weeks);
  const scopeTeam = session.teams.find((candidate) => candidate.slug === team);
  const context = {
    ...windowOf(weeks),
    weeks,
    viewer: session.viewer,
    teams: session.teams,
    scopeInput: team ? { team } : null,
    scopeName: scopeTeam ? scopeTeam.name : 'The organisation',
  };
  const selectTeam = (slug) => {
    $('scope').value = slug;
    render();
  };
  const api = session.api;
  void Promise.all([
    renderOverview(api, context, $('overview')),
    renderMatrix(api, context, $('matrix')),
    renderIncidents(api, context, $('incidents'), { selectTeam }),
    renderFeed(api, context, $('feed')),
  ]);
}

function showSignIn(error) {
  $('dashboard').hidden = true;
  $('session').hidden = true;
  $('sign-in').hidden = false;
  const errorLine = $('token-error');
  errorLine.hidden = !error;
  errorLine.textContent = error ?? '';
  $('token').setAttribute('aria-invalid', error ? 'true' : 'false');
  $('token').focus();
}

function signOut(reason) {
  stopFeed();
  session?.api.dispose();
  session = null;
  localStorage.removeItem(TOKEN_KEY);
  showSignIn(reason);
}

async function signIn(token) {
  const api = createApi(token, { onUnauthenticated: (error) => signOut(error.plain) });
  const { viewer, teams } = await api.query(SESSION);
  localStorage.setItem(TOKEN_KEY, token);
  session = { api, viewer, teams };
  const address = readAddress();
  fillScopePicker(teams, address.team);
  $('weeks').value = String(address.weeks);
  $('who').textContent = describeViewer(viewer);
  $('sign-in').hidden = true;
  $('session').hidden = false;
  $('dashboard').hidden = false;
  $('token').value = '';
  render();
}

async function trySignIn(token) {
  try {
    await signIn(token);
  } catch (error) {
    session = null;
    if (error.code === 'UNAUTHENTICATED') localStorage.removeItem(TOKEN_KEY);
    showSignIn(error.plain ?? String(error));
  }
}

function start() {
  initExplanationDialog();
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) return showSignIn('Paste an API token first.');
    void trySignIn(token);
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('scope').addEventListener('change', render);
  $('weeks').addEventListener('change', render);
  $('refresh').addEventListener('click', render);
  window.addEventListener('hashchange', () => {
    if (!session) return;
    const address = readAddress();
    $('scope').value = address.team ?? '';
    $('weeks').value = String(address.weeks);
    render();
  });
  const stored = localStorage.getItem(TOKEN_KEY);
  if (stored) void trySignIn(stored);
  else showSignIn();
}

start();
