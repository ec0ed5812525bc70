import { readFile } from 'node:fs/promises';
import type { OrganizationModel } from '../model/organization-model';
import { parseOrganization } from './parse-organization';

/** The file-reading adapter around the pure parser; errors name the path as given. */
export async function loadOrganizationFile(path: string): Promise<OrganizationModel> {
  return parseOrganization(await readFile(path, 'utf8'), path);
}
