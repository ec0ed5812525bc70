import { Document } from 'yaml';
import { isoDate } from '../calendar';
import type { DemoOrganization, DemoPerson } from './demo-organization';

/**
 * The organisation as tandem.yaml: what `tandem demo` writes into the data folder and applies,
 * and what a user edits to see the directory follow.
 */
export function organizationYaml(organization: DemoOrganization, header: string): string {
  const document = new Document({
    organization: { name: organization.name, timezone: organization.timezone },
    teams: organization.teams.map((team) => ({
      slug: team.slug,
      name: team.name,
      kind: team.kind,
      ...(team.timezone !== organization.timezone ? { workingHours: { timezone: team.timezone } } : {}),
    })),
    people: [
      ...organization.people.map((person) => personEntry(organization, person)),
      {
        id: 'dependabot',
        name: 'Dependabot',
        bot: true,
        identities: { github: organization.dependabot.login },
      },
    ],
    services: organization.services.map((service) => ({
      slug: service.slug,
      name: service.name,
      ownedBy: service.ownedBy,
      operatedBy: service.operatedBy,
      repos: [service.repository.tool === 'gitlab' ? `gitlab:${service.repository.fullName}` : service.repository.fullName],
      paging: { [service.paging.tool]: [service.paging.id] },
      incidentServices: { incidentio: [service.catalogEntryId], ...(service.jiraComponent ? { jira: [service.jiraComponent] } : {}) },
      channels: {
        slack: [service.channel.id],
        ...(service === teamsService(organization) ? { teams: [organization.msTeams.channelId] } : {}),
      },
      ...(service.slo ? { slo: service.slo } : {}),
    })),
    kpis: { productionEnvironments: ['production'] },
    recognition: {
      kudosTrigger: 'kudos',
      kudosEmoji: ['raised_hands'],
      values: ['ownership', 'craft', 'kindness'],
      postTo: { slack: { channel: organization.channels.kudos.id } },
    },
  });
  document.commentBefore = header;
  return document.toString({ lineWidth: 0 });
}

/** The Mobile team's Teams channel is mapped to its first service (a channel maps to one service). */
function teamsService(organization: DemoOrganization) {
  return organization.services.find((service) => service.ownedBy === 'mobile');
}

function personEntry(organization: DemoOrganization, person: DemoPerson) {
  const from = organization.membershipsFrom;
  const memberships = person.move
    ? [
        { team: person.team, from, to: isoDate(person.move.at) },
        { team: person.move.team, from: isoDate(person.move.at) },
      ]
    : [{ team: person.team, from }];
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    identities: {
      github: person.github.login,
      gitlab: person.gitlab.username,
      slack: person.slack,
      teams: person.teams.aadObjectId,
      pagerduty: person.pagerduty,
      opsgenie: person.email,
      jira: person.jira,
      incidentio: person.incidentio,
    },
    memberships,
  };
}
