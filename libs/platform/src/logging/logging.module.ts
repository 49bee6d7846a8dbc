import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as PinoLogger } from 'pino';
import { currentCorrelationId } from '@civic/messaging';

/** Injection token of the service's root pino logger (the access log writes through it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Structured JSON logs: one line per event, each carrying the service name and the current correlation id. The
 * access log is `requestObserver`'s (one line per answered request): nestjs-pino only serves Nest's logger here, so
 * no request pays for pino-http's per-request child loggers and serializers or nestjs-pino's per-request scope.
 */
@Module({})
export class LoggingModule {
  static forService(service: string, level: string): DynamicModule {
    const logger: PinoLogger = pino({
      level,
      base: { service },
      mixin: () => ({ correlationId: currentCorrelationId() }),
      redact: ['req.headers.authorization'],
    });
    return {
      module: LoggingModule,
      // No routes: nestjs-pino's request middleware (pino-http and its scope) is not installed anywhere.
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
      providers: [{ provide: ROOT_LOGGER, useValue: logger }],
      exports: [LoggerModule, ROOT_LOGGER],
    };
  }
}
