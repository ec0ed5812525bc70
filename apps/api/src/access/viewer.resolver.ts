import { Context, Query, Resolver } from '@nestjs/graphql';
import type { ApiContext } from '../context/api-context';
import { roleOf, Viewer } from './access.types';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'The token making the request.' })
  viewer(@Context() context: ApiContext): Viewer {
    return { role: roleOf(context.viewer.role), teams: [...context.viewer.teams] };
  }
}
