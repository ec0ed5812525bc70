import { readFile } from 'node:fs/promises';
import { importBackstageCatalog, type BackstageImport, type BackstageImportOptions } from './import-backstage-catalog';

/** The file-reading adapter around the pure import; messages name the paths as given. */
export async function loadBackstageCatalog(paths: readonly string[], options?: BackstageImportOptions): Promise<BackstageImport> {
  const files = await Promise.all(paths.map(async (path) => ({ fileName: path, text: await readFile(path, 'utf8') })));
  return importBackstageCatalog(files, options);
}
