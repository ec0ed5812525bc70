import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ResolverDecoratorHost } from '@nestjs/graphql';
import type { ApiContext } from '../context/api-context';

/**
 * Tells the HTTP layer whether an executed operation had errors (a 200 with `errors`), through the
 * drivers' common end-of-request hook, for the metrics' `outcome`.
 */
@Injectable()
export class RequestOutcomes implements OnModuleInit {
  constructor(@Inject(ResolverDecoratorHost) private readonly host: ResolverDecoratorHost) {}

  onModuleInit(): void {
    this.host.setOnRequestEndHook(({ context, errors }) => {
      const state = (context as Partial<ApiContext> | undefined)?.state;
      if (state) state.failed = (errors?.length ?? 0) > 0;
    });
  }
}
