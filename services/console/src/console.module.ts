import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ConsoleConfig } from './config/console.config';
import { CONSOLE_CONFIG, OIDC_SIGN_IN } from './config/console.tokens';
import { SessionStore } from './session/session.store';
import type { OidcSignIn } from './sign-in/oidc.sign-in';
import { UpstreamClient } from './api/upstream.client';
import { ConsoleExceptionFilter } from './api/console-exception.filter';
import { SignInHttpController } from './sign-in/sign-in.http.controller';
import { CatalogueHttpController } from './api/catalogue.http.controller';
import { SeasonHttpController } from './api/season.http.controller';
import { RoundsHttpController } from './api/rounds.http.controller';
import { DeadLettersHttpController } from './api/dead-letters.http.controller';
import { ProposalsHttpController } from './api/proposals.http.controller';
import { WebHttpController } from './web/web.http.controller';

/** The console's backend-for-frontend: sessions, sign-in, the API the pages call, and the pages themselves. */
@Module({})
export class ConsoleModule {
  static forConfig(config: ConsoleConfig, store: SessionStore, oidc?: OidcSignIn): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [
        SignInHttpController,
        CatalogueHttpController,
        SeasonHttpController,
        RoundsHttpController,
        DeadLettersHttpController,
        ProposalsHttpController,
        // Last: its catch-all route must not shadow the others.
        WebHttpController,
      ],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        { provide: SessionStore, useValue: store },
        ...(oidc ? [{ provide: OIDC_SIGN_IN, useValue: oidc }] : []),
        UpstreamClient,
        { provide: APP_FILTER, useFactory: (s: SessionStore) => new ConsoleExceptionFilter(s), inject: [SessionStore] },
      ],
    };
  }
}
