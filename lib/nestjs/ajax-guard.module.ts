import { Inject, Module, Optional } from '@nestjs/common';
import { APP_FILTER, ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import type { AnyClass } from '../internal/function-types.js';
import { configure, type SettingsInput } from '../settings.js';
import { WriteRefusal } from './check-after-guards.js';
import { writeJsonResponses } from './json-replies.js';
import { assertSupportedPlatform, type NestHttpAdapter } from './platforms.js';
import { prepareController } from './prepare-controller.js';
import { checkedAfterGuards, refuseAheadOfRoutes } from './refuse-ahead.js';
import { nestRequest } from './request-argument.js';

const SETTINGS = Symbol('ajax-guard settings');

/** What `AjaxGuardModule.forRoot()` returns, for a module's `imports`. */
export interface AjaxGuardDynamicModule {
  readonly module: typeof AjaxGuardModule;
  readonly global: boolean;
}

// Nest's request unless the app names its own way to find it.
const withNestRequest = (settings: SettingsInput): SettingsInput => ({ getRequest: nestRequest, ...settings });

// Adapters already set up: a second import of the module, or a second app
// on one adapter, must not enter requests twice.
const prepared = new WeakSet<object>();

/**
 * Makes every ajax-guard decorator on a Nest controller work on the Express
 * and the Fastify platform: the guard reads Nest's request whatever the
 * method's parameters, and a refusal, or a JsonResponse a handler returns,
 * goes out as the ajax-guard adapters write it (status over `@HttpCode()`,
 * headers, exact body), `@Res()` handlers included. Import it once, in the
 * root module.
 *
 * @example
 * @Module({ imports: [AjaxGuardModule.forRoot({ challenge: 'Bearer' })], controllers: [ItemsController] })
 * export class AppModule {}
 */
export class AjaxGuardModule {
  /**
   * The module, with app-wide settings for `configure` (checked now: a bad
   * one is a TypeError at start-up). The `getRequest` setting defaults to
   * Nest's current request.
   *
   * @example
   * imports: [AjaxGuardModule.forRoot({ errorCodes: { authentication: 'E_AUTH' } })]
   */
  static forRoot(settings: SettingsInput = {}): AjaxGuardDynamicModule {
    const applied = withNestRequest(settings);
    configure(applied);
    return { module: AjaxGuardModule, global: true, providers: [{ provide: SETTINGS, useValue: applied }] } as never;
  }

  /** @internal Nest builds the module; the settings apply again, so each app built after `resetSettings()` has them. */
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly modules: ModulesContainer,
    private readonly config: ApplicationConfig,
    settings: SettingsInput | undefined,
  ) {
    configure(settings ?? withNestRequest({}));
  }

  /**
   * @internal Called by Nest before it builds the routes: readies each guarded
   * controller method (its request, its route's check, its `@Res()`), has
   * the adapter check guarded routes first, and lets Nest's reply write
   * JsonResponses.
   */
  configure(): void {
    const adapter = this.host.httpAdapter as unknown as NestHttpAdapter | undefined;
    if (adapter === undefined || prepared.has(adapter)) return;
    assertSupportedPlatform(adapter);
    prepared.add(adapter);
    refuseAheadOfRoutes(adapter, this.config);
    writeJsonResponses(adapter);
    const appGuarded = checkedAfterGuards(this.config);
    for (const module of this.modules.values()) {
      for (const { metatype } of module.controllers.values()) {
        if (typeof metatype === 'function') prepareController(metatype as AnyClass, appGuarded);
      }
    }
  }
}

// Nest's decorators, applied as legacy TypeScript would: the library itself
// compiles without experimentalDecorators.
// The filter that writes a refusal the last Nest guard of a method throws.
Module({ providers: [{ provide: APP_FILTER, useClass: WriteRefusal }] })(AjaxGuardModule);
Inject(HttpAdapterHost)(AjaxGuardModule, undefined, 0);
Inject(ModulesContainer)(AjaxGuardModule, undefined, 1);
Inject(ApplicationConfig)(AjaxGuardModule, undefined, 2);
Inject(SETTINGS)(AjaxGuardModule, undefined, 3);
Optional()(AjaxGuardModule, undefined, 3);
