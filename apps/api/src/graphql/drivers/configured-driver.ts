import { Inject, Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { AbstractGraphQLDriver, type GqlModuleOptions } from '@nestjs/graphql';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { TandemConfig } from '@tandem/config';
import type { Logger } from '@tandem/observability';
import { CONFIG, LOGGER } from '@tandem/runtime';
import type { GraphQLSchema } from 'graphql';
import { TandemApolloDriver } from './apollo-driver';
import { graphqlRouteOptions } from './graphql-route';

/**
 * The GraphQL driver named by TANDEM_GRAPHQL_DRIVER. Nest fixes the driver class when the module
 * is declared, before the configuration is read; this one is declared instead and hands every call
 * to the configured driver, which it builds on first use (after Nest has injected the framework
 * services every driver needs, which it passes on).
 */
@Injectable()
export class ConfiguredGraphQLDriver extends AbstractGraphQLDriver {
  private selected?: AbstractGraphQLDriver;

  constructor(
    @Inject(CONFIG) private readonly config: TandemConfig,
    @Inject(ModulesContainer) private readonly modulesContainer: ModulesContainer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  get instance(): unknown {
    return (this.driver as { instance?: unknown }).instance;
  }

  override mergeDefaultOptions(options: GqlModuleOptions): Promise<GqlModuleOptions> {
    return this.driver.mergeDefaultOptions(options);
  }

  override generateSchema(options: GqlModuleOptions): Promise<GraphQLSchema> | null {
    return this.driver.generateSchema(options);
  }

  override subscriptionWithFilter(...args: Parameters<AbstractGraphQLDriver['subscriptionWithFilter']>): ReturnType<AbstractGraphQLDriver['subscriptionWithFilter']> {
    return this.driver.subscriptionWithFilter(...args);
  }

  start(options: GqlModuleOptions): Promise<unknown> {
    return this.driver.start(options);
  }

  stop(): Promise<void> {
    return this.driver.stop();
  }

  private get driver(): AbstractGraphQLDriver {
    if (!this.selected) {
      const driver =
        this.config.api.graphqlDriver === 'apollo'
          ? new TandemApolloDriver(this.modulesContainer, graphqlRouteOptions(this.config.api, this.logger))
          : new MercuriusDriver();
      Object.assign(driver, {
        httpAdapterHost: this.httpAdapterHost,
        applicationConfig: this.applicationConfig,
        graphQlFactory: this.graphQlFactory,
        resolverDecoratorHost: this.resolverDecoratorHost,
      });
      this.selected = driver;
    }
    return this.selected;
  }
}
