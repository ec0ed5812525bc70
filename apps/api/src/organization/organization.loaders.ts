import { Inject, Injectable } from '@nestjs/common';
import type { Directory } from '@tandem/directory';
import { RequestLoader } from '../context/request-loader';
import { notFound } from '../graphql/errors/api-errors';
import { DirectoryService } from './directory.service';
import type { Person, Service } from './organization.types';

@Injectable()
export class PersonLoader extends RequestLoader<string, Person> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {
    super();
  }

  protected async batch(ids: readonly string[]): Promise<(Person | Error)[]> {
    const directory = this.directory.current();
    return ids.map((id) => {
      const person = directory.person(id);
      return person ? { id: person.id, name: person.name } : notFound(`no person ${id}`);
    });
  }
}

/** The services a team owns or runs now, for every team of a query in one pass over the services. */
@Injectable()
export class TeamServicesLoader extends RequestLoader<string, Service[]> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {
    super();
  }

  protected async batch(teams: readonly string[]): Promise<Service[][]> {
    const byTeam = new Map<string, Service[]>();
    for (const service of servicesNow(this.directory.current())) {
      for (const team of new Set([service.ownedBy, service.operatedBy])) {
        if (team !== null) byTeam.set(team, [...(byTeam.get(team) ?? []), service]);
      }
    }
    return teams.map((team) => byTeam.get(team) ?? []);
  }
}

/** The active services with their owning and operating teams now, by slug. */
export function servicesNow(directory: Directory): Service[] {
  const now = Date.now();
  return directory.services().flatMap((record) => {
    const ownedBy = directory.owningTeam(record.slug, now);
    if (ownedBy === undefined) return [];
    return [{ slug: record.slug, name: record.name ?? record.slug, ownedBy, operatedBy: directory.operatingTeam(record.slug, now) ?? null }];
  }).sort((a, b) => (a.slug < b.slug ? -1 : 1));
}
