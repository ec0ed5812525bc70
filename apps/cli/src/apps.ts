import type { DynamicModule, Type } from '@nestjs/common';
import type { AppDefinition } from '@tandem/runtime';
import { ApiModule } from '@apps/api';
import { GatewayModule } from '@apps/gateway';
import { ProjectorModule } from '@apps/projector';
import { RecorderModule } from '@apps/recorder';
import { ReporterModule } from '@apps/reporter';

/**
 * The feature modules of each deployable. The embedded mode runs them all in one process; the
 * distributed apps run one each. Same modules, same code paths: only the adapters differ.
 */
export const APPS = {
  gateway: { service: 'gateway', modules: [GatewayModule] },
  recorder: { service: 'recorder', modules: [RecorderModule] },
  projector: { service: 'projector', modules: [ProjectorModule] },
  api: { service: 'api', modules: [ApiModule] },
  reporter: { service: 'reporter', modules: [ReporterModule] },
} satisfies Record<string, AppDefinition>;

export type AppName = keyof typeof APPS;

export const EMBEDDED: AppDefinition = {
  service: 'embedded',
  modules: Object.values(APPS).flatMap((app): (Type<unknown> | DynamicModule)[] => app.modules),
};
