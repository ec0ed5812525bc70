/**
 * Test-only: the compiled Tandem the end-to-end tests run as real processes (`node dist/…/main.js`),
 * made by `npm run build` exactly as a user's `npm start` makes it. The build is stamped with a
 * hash of the sources it was made from: the first test file that needs it builds it (about a
 * minute on two cores), the next ones, and the next runs on unchanged sources, reuse it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.source-hash');
/** Held while building, so that two test runs at once do not build into the same folder. */
const LOCK = join(ROOT, 'node_modules', '.cache', 'tandem-e2e-build.lock');
const LOCK_STALE_AFTER_MS = 10 * 60_000;
/** Everything `npm run build` reads. */
const SOURCES = ['apps', 'libs'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The built tree: `cli` is `tandem`, `app(name)` an app's own `main.js`. */
export interface BuiltTandem {
  cli: string;
  app(name: string): string;
}

export async function builtTandem(): Promise<BuiltTandem> {
  const hash = sourceHash();
  if (stamp() !== hash) await whileLocked(async () => {
    if (stamp() === hash) return;
    try {
      await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run build failed:\n${stdout}${stderr}`);
    }
    writeFileSync(STAMP, hash);
  });
  return { cli: join(DIST, 'apps', 'cli', 'main.js'), app: (name) => join(DIST, 'apps', name, 'main.js') };
}

function stamp(): string | undefined {
  return existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : undefined;
}

async function whileLocked(work: () => Promise<void>): Promise<void> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Held by another run: wait for it, unless it died holding it.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_AFTER_MS) rmdirSync(LOCK);
      await delay(1_000);
    }
  }
  try {
    await work();
  } finally {
    rmdirSync(LOCK);
  }
}

/** A hash of every file the build reads (tests excluded: they are not built). */
function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [...SOURCES.flatMap((folder) => filesUnder(join(ROOT, folder))), ...CONFIG_FILES.map((file) => join(ROOT, file))];
  for (const file of files.sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path);
    return entry.name.endsWith('.spec.ts') || entry.name.endsWith('.tsbuildinfo') ? [] : [path];
  });
}
