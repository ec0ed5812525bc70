import { Inject, Injectable } from '@nestjs/common';
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
    const directory = this.directory.current();
    const now = Date.now();
    const byTeam = new Map<string, Service[]>();
    for (const record of directory.services()) {
      const ownedBy = directory.owningTeam(record.slug, now);
      if (ownedBy === undefined) continue;
      const service: Service = { slug: record.slug, name: record.name ?? record.slug, ownedBy, operatedBy: directory.operatingTeam(record.slug, now) ?? null };
      for (const team of new Set([ownedBy, service.operatedBy])) {
        if (team !== null) byTeam.set(team, [...(byTeam.get(team) ?? []), service]);
      }
    }
    return teams.map((team) => byTeam.get(team) ?? []);
  }
}
