import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { GRAPHQL_WS_BROWSER_BUILD, loadWebAssets, negotiateEncoding, webAssetOf } from './web-assets';

const LARGE = Buffer.from('export const x = 1;\n'.repeat(200));

describe('the web page files', () => {
  const assets = loadWebAssets();

  it('holds the page, its modules and graphql-ws browser build, and every file the page and its modules name', () => {
    const names = [...assets.keys()];
    expect(names).toEqual(expect.arrayContaining(['index.html', 'app.js', 'styles.css', GRAPHQL_WS_BROWSER_BUILD]));
    const text = (name: string) => assets.get(name)?.encodings.identity.body.toString('utf8') ?? '';
    const referenced = [
      ...[...text('index.html').matchAll(/(?:src|href)="\/web\/([^"]+)"/g)].map((match) => match[1]),
      ...names.filter((name) => name.endsWith('.js') && name !== GRAPHQL_WS_BROWSER_BUILD).flatMap((name) => [...text(name).matchAll(/from '\.\/([^']+)'/g)].map((match) => match[1])),
    ];
    expect(referenced.length).toBeGreaterThan(10);
    expect(referenced.filter((name) => !assets.has(name))).toEqual([]);
  });

  it('builds nothing from HTML strings: no innerHTML, no inline handlers, nothing the CSP would refuse', () => {
    for (const [name, asset] of assets) {
      if (name === GRAPHQL_WS_BROWSER_BUILD) continue;
      const text = asset.encodings.identity.body.toString('utf8');
      expect([name, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(text)]).toEqual([name, false]);
      expect([name, /<script>|\son\w+="|style="/.test(text)]).toEqual([name, false]);
    }
  });

  it('compresses larger files with brotli and gzip, each encoding with its own strong ETag', () => {
    const asset = webAssetOf('large.js', LARGE);
    expect(asset.contentType).toBe('text/javascript; charset=utf-8');
    expect(brotliDecompressSync(asset.encodings.br?.body ?? Buffer.alloc(0))).toEqual(LARGE);
    expect(gunzipSync(asset.encodings.gzip?.body ?? Buffer.alloc(0))).toEqual(LARGE);
    const etags = [asset.encodings.identity.etag, asset.encodings.br?.etag, asset.encodings.gzip?.etag];
    expect(new Set(etags).size).toBe(3);
    expect(etags.every((etag) => /^"[\w-]+"$/.test(etag ?? ''))).toBe(true);
    expect(webAssetOf('small.css', Buffer.from('a{}')).encodings).toEqual({ identity: expect.any(Object) });
  });

  it('answers brotli, then gzip, when the client accepts it, and never an encoding refused with q=0', () => {
    const asset = webAssetOf('large.js', LARGE);
    expect(negotiateEncoding('gzip, deflate, br, zstd', asset)).toBe('br');
    expect(negotiateEncoding('gzip', asset)).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5', asset)).toBe('gzip');
    expect(negotiateEncoding('*', asset)).toBe('gzip');
    expect(negotiateEncoding('br;q=0.0, gzip; q=0', asset)).toBe('identity');
    expect(negotiateEncoding(undefined, asset)).toBe('identity');
    expect(negotiateEncoding('br', webAssetOf('small.css', Buffer.from('a{}')))).toBe('identity');
  });

  it('refuses to start without the page, saying how to get it', () => {
    expect(() => loadWebAssets('/nonexistent')).toThrow('the web page\'s files are missing from /nonexistent: run `npm run build`');
  });
});
