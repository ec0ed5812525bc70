import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { loadConfig, redactConfig, TandemConfig } from '@tandem/config';
import { createInfrastructure, Infrastructure } from './infrastructure';
import { InfrastructureModule } from './infrastructure.module';
import { PinoNestLogger } from './nest-logger';

export interface AppDefinition {
  /** The name in logs and metrics: gateway, recorder, embedded … */
  service: string;
  /** The feature modules this process runs; the embedded mode lists them all. */
  modules: (Type<unknown> | DynamicModule)[];
}

export interface RunningApp {
  app: NestFastifyApplication;
  infrastructure: Infrastructure;
  url: string;
}

/**
 * Starts one Tandem process: validated configuration, the mode's adapters, the feature modules,
 * health and metrics, graceful shutdown on SIGTERM/SIGINT. Every app (and the embedded mode)
 * starts through here, so they differ only in the modules they list.
 */
export async function startApp(definition: AppDefinition, config: TandemConfig = loadConfig()): Promise<RunningApp> {
  const infrastructure = await createInfrastructure(config, definition.service);
  infrastructure.logger.info({ config: redactConfig(config) }, 'configuration');

  @Module({ imports: [InfrastructureModule.forRoot(infrastructure), ...definition.modules] })
  class TandemProcessModule {}

  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      TandemProcessModule,
      new FastifyAdapter({ bodyLimit: config.http.webhookBodyLimitBytes }),
      { logger: new PinoNestLogger(infrastructure.logger), abortOnError: false },
    );
  } catch (error) {
    // A start-up that failed leaves nothing open behind its error (the CLI then exits 1).
    await infrastructure.close();
    throw error;
  }
  exitOnSignals(app, infrastructure.logger);
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (error) {
    // The port is taken, say: the modules' consumers had started; the shutdown hooks stop them.
    await app.close();
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host}:${port}`;
  infrastructure.logger.info({ url, mode: config.mode }, `Tandem ${definition.service} ready at ${url}`);
  return { app, infrastructure, url };
}

/**
 * SIGTERM and SIGINT run Nest's shutdown hooks (consumers stop, in-flight work finishes,
 * connections close), then the process exits with its own exit code: 0 after a clean stop, or the
 * code a failure set before asking for the stop (the recorder's). Nest's `enableShutdownHooks`
 * would end it by the signal instead (status 143), which scripts read as a failure.
 */
function exitOnSignals(app: NestFastifyApplication, logger: Infrastructure['logger']): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: stopping`);
    app.close().then(
      () => process.exit(),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  for (const signal of signals) process.on(signal, stop);
  // Closed some other way (a test, a command that is done with it): stop listening.
  app.getHttpServer().once('close', () => {
    for (const signal of signals) process.off(signal, stop);
  });
}

/**
 * Entry point of a `main.ts`: starts the app, and on a start-up failure prints one clear sentence
 * (the configuration error names every bad key) and exits 1 instead of a stack trace.
 */
export async function runAppMain(definition: AppDefinition): Promise<void> {
  try {
    await startApp(definition);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tandem ${definition.service}: ${message}\n`);
    process.exit(1);
  }
}
