import { DynamicModule, Logger as NestLogger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TokenVerifier, withAuditScope } from '@civic/auth';
import { ConsumerStatus, CORRELATION_HEADER, currentCorrelationId as currentId, KafkaConnection, KafkaEventServer, withCorrelationId } from '@civic/messaging';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { BaseServiceConfig, ConfigError, loadConfig, messagingSettingsOf } from '../config/service-config';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { createValidationPipe } from '../errors/validation.pipe';
import { requestObserver } from '../logging/request-observer';
import { ROOT_LOGGER } from '../logging/logging.module';
import { startDefaultMetrics } from '../metrics/metrics';
import { documentAccess, hardenHttp, requireTokenForDocs, rejectHostileJson } from './http-hardening';
import { SERVICE_CONFIG } from './service-config.token';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  name: string;
  title: string;
  description: string;
  configClass: new () => C;
  /** Defaults for this service's settings (e.g. its port and database) when the environment has none. */
  defaults: Record<string, string>;
  module: (config: C) => DynamicModule;
  /** Contract topics this service consumes; none means it only publishes. */
  consumes?: readonly string[];
  /** JSON body limit. */
  bodyLimit?: string;
  /** Media types read as raw bytes (a Buffer in req.body), e.g. text/csv, so the service can check their encoding itself. */
  rawBody?: { types: readonly string[]; limit: string };
}

/** Builds, configures and starts a service; exits with a message naming the setting when the config is bad. */
export async function bootstrapService<C extends BaseServiceConfig>(def: ServiceDefinition<C>): Promise<NestExpressApplication> {
  let config: C;
  try {
    config = loadConfig(def.configClass, process.env, def.defaults);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${def.name}: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  startDefaultMetrics(def.name);
  const app = await NestFactory.create<NestExpressApplication>(def.module(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureHttp(app, def);
  app.enableShutdownHooks();

  // HTTP first, as soon as the database is reachable (the modules' init ran the migrations): a restarted member's
  // consumer waits out its dead predecessor's session before it gets partitions, and nothing here needs to wait for
  // that. The detailed /health says when the consumer has joined.
  if (def.consumes?.length) {
    app.connectMicroservice(
      {
        strategy: new KafkaEventServer({
          connection: app.get(KafkaConnection),
          dataSource: app.get(DataSource),
          topics: def.consumes,
          settings: messagingSettingsOf(config),
          status: app.get(ConsumerStatus),
          modules: app.get(ModulesContainer),
        }),
      },
      { inheritAppConfig: true },
    );
  }
  await app.listen(config.PORT, config.HOST);
  const logger = new NestLogger('Bootstrap');
  logger.log(`${def.name} listening on ${config.HOST}:${config.PORT}`);
  if (def.consumes?.length) {
    const started = Date.now();
    app.startAllMicroservices().then(
      () => logger.log(`${def.name} consumer joined its group ${Date.now() - started} ms after HTTP`),
      (e: Error) => {
        logger.error(`${def.name} consumer could not start: ${e.message}`);
        process.exit(70);
      },
    );
  }
  return app;
}

/**
 * Security headers, CORS, body limits, correlation ids, the audit scope, the access log and metrics, validation, the
 * error shape and the OpenAPI document (open outside production; behind a token in production).
 */
export function configureHttp(
  app: NestExpressApplication,
  def: Pick<ServiceDefinition<BaseServiceConfig>, 'title' | 'description' | 'bodyLimit' | 'rawBody'>,
): void {
  const config = app.get<BaseServiceConfig>(SERVICE_CONFIG, { strict: false });
  hardenHttp(app, config);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = req.header(CORRELATION_HEADER);
    withCorrelationId(id && /^[\w.-]{1,128}$/.test(id) ? id : undefined, () => {
      res.setHeader(CORRELATION_HEADER, currentId());
      // Every state change this request makes is audited under this scope (see libs/auth AuditSubscriber).
      withAuditScope(req, currentId, next);
    });
  });
  app.use(requestObserver(app.get(ROOT_LOGGER, { strict: false })));
  app.useBodyParser('json', { limit: def.bodyLimit ?? '1mb' });
  if (def.rawBody) app.useBodyParser('raw', { type: [...def.rawBody.types], limit: def.rawBody.limit });
  app.use(rejectHostileJson);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(def.title).setDescription(def.description).setVersion('1').addBearerAuth().build(),
  );
  documentAccess(doc);
  if (config.NODE_ENV === 'production') app.use('/docs', requireTokenForDocs(app.get(TokenVerifier, { strict: false })));
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/openapi.json' });
}
