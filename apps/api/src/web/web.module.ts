import { Module } from '@nestjs/common';
import { loadWebAssets } from './web-assets';
import { WEB_ASSETS, WebPageController } from './web-page.controller';

/** The web page an engineering manager opens: `/` and `/web/*`, static files that call `/graphql`. */
@Module({
  controllers: [WebPageController],
  providers: [{ provide: WEB_ASSETS, useFactory: () => loadWebAssets() }],
})
export class WebModule {}
