import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * The web page's files: plain ES modules and CSS, read once at start-up, no build step. From the
 * sources (`apps/api/src/web` → `apps/api/web`) and from the build (`dist/apps/api/src/web` →
 * `dist/apps/api/web`, copied there by `npm run build`) alike.
 */
export const WEB_FOLDER = join(__dirname, '..', '..', 'web');

/** graphql-ws's own browser build (UMD, `window.graphqlWs`), served beside the page's modules. */
export const GRAPHQL_WS_BROWSER_BUILD = 'graphql-ws.min.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Below this, compression saves less than its header costs. */
const COMPRESS_FROM_BYTES = 1024;

export type ContentEncoding = 'br' | 'gzip' | 'identity';

export interface WebAsset {
  contentType: string;
  /** The bytes per encoding, with the strong ETag of each; compressed only when worth it. */
  encodings: { identity: EncodedBody } & Partial<Record<ContentEncoding, EncodedBody>>;
}

interface EncodedBody {
  body: Buffer;
  etag: string;
}

function encoded(body: Buffer, tag: string): EncodedBody {
  return { body, etag: `"${tag}"` };
}

export function webAssetOf(fileName: string, body: Buffer): WebAsset {
  const contentType = CONTENT_TYPES[extname(fileName)];
  if (!contentType) throw new Error(`no content type for the web asset ${fileName}`);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const encodings: WebAsset['encodings'] = { identity: encoded(body, hash) };
  if (body.length >= COMPRESS_FROM_BYTES) {
    encodings.br = encoded(brotliCompressSync(body), `${hash}-br`);
    encodings.gzip = encoded(gzipSync(body, { level: 9 }), `${hash}-gz`);
  }
  return { contentType, encodings };
}

/** The encoding to answer with: brotli, then gzip, when the client accepts it (`q=0` refuses). */
export function negotiateEncoding(acceptEncoding: string | undefined, asset: WebAsset): ContentEncoding {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, ...parameters]) => !parameters.some((parameter) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(parameter)))
      .map(([coding]) => coding),
  );
  if (asset.encodings.br && accepted.has('br')) return 'br';
  if (asset.encodings.gzip && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return 'identity';
}

/** Every servable file of `folder` (flat), plus graphql-ws's browser build, by file name. */
export function loadWebAssets(folder: string = WEB_FOLDER): ReadonlyMap<string, WebAsset> {
  if (!existsSync(join(folder, 'index.html'))) {
    throw new Error(`the web page's files are missing from ${folder}: run \`npm run build\`, which copies apps/api/web into dist`);
  }
  const assets = new Map<string, WebAsset>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && CONTENT_TYPES[extname(entry.name)]) assets.set(entry.name, webAssetOf(entry.name, readFileSync(join(folder, entry.name))));
  }
  // The package's `exports` map hides the umd folder: find it beside the CommonJS entry point.
  const graphqlWs = join(dirname(require.resolve('graphql-ws')), '..', 'umd', GRAPHQL_WS_BROWSER_BUILD);
  assets.set(GRAPHQL_WS_BROWSER_BUILD, webAssetOf(GRAPHQL_WS_BROWSER_BUILD, readFileSync(graphqlWs)));
  return assets;
}
