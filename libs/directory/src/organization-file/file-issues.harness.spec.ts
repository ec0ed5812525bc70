import { OrganizationFileError } from './organization-file-error';
import { parseOrganization } from './parse-organization';

/** The issue lines the parser reports for a file it must reject (the message's first line is its summary). */
export function issuesOf(text: string): string[] {
  try {
    parseOrganization(text);
  } catch (error) {
    if (error instanceof OrganizationFileError) return error.message.split('\n').slice(1);
    throw error;
  }
  throw new Error('expected the file to be rejected');
}
