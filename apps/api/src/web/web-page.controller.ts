import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding, type WebAsset } from './web-assets';

export const WEB_ASSETS = Symbol('WEB_ASSETS');

/**
 * Only the page's own files run, and it talks to its own origin only (`/graphql` over HTTP and
 * graphql-ws: CSP 3 lets 'self' match ws: and wss: on the same host). Nothing inline, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * The web page at `/` and its files at `/web/<file>`. The page holds no data (it asks `/graphql`
 * with the token the user pastes), so it is served without a token. Files are revalidated on every
 * load (`no-cache` + a strong ETag answered 304): an upgraded server never meets a stale module,
 * and an unchanged one costs a round trip of headers.
 */
@Controller()
export class WebPageController {
  constructor(@Inject(WEB_ASSETS) private readonly assets: ReadonlyMap<string, WebAsset>) {}

  @Get()
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send('index.html', request, reply);
  }

  @Get('web/:file')
  async file(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send(file, request, reply);
  }

  private async send(name: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`no web page file ${name}`);
    const encoding = negotiateEncoding(request.headers['accept-encoding'], asset);
    const { body, etag } = asset.encodings[encoding] ?? asset.encodings.identity;
    reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache', etag, vary: 'Accept-Encoding' });
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      await reply.code(304).send();
      return;
    }
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    await reply.type(asset.contentType).send(body);
  }
}
