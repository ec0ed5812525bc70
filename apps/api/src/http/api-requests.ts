import { Injectable } from '@nestjs/common';
import type { RequestState } from '../context/api-context';

export const GRAPHQL_PATH = '/graphql';

/** What the HTTP gate learnt of each GraphQL request, for the GraphQL context and the metrics. */
@Injectable()
export class ApiRequests {
  private readonly states = new WeakMap<object, RequestState>();

  set(request: object, state: RequestState): void {
    this.states.set(request, state);
  }

  get(request: object): RequestState | undefined {
    return this.states.get(request);
  }
}
