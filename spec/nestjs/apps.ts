import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type CallHandler,
  type ExecutionContext,
  Module,
  type NestInterceptor,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AjaxGuardModule } from 'ajax-guard/nestjs';
import type { Observable } from 'rxjs';
import { AccountController, ItemsController, SignIn, signInFrom } from './controllers.js';

/** A pipe that settles later, as a validating or database-backed pipe does: the handler runs in a later turn. */
class SettleLater implements PipeTransform {
  async transform(value: unknown): Promise<unknown> {
    await nextTurn();
    return value;
  }
}

/** An app's own interceptor, around every handler: Nest then calls the handler lazily, inside an Observable. */
class PassThrough implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

// The module imported once, in the root module, as the docs say, the
// controllers, and the app's own global pipe and interceptor.
const served = {
  imports: [AjaxGuardModule.forRoot()],
  controllers: [ItemsController, AccountController],
};
const pipeAndInterceptor = [
  { provide: APP_PIPE, useClass: SettleLater },
  { provide: APP_INTERCEPTOR, useClass: PassThrough },
];

/** The app the specs serve, with its own global guard, which signs callers in. */
@Module({ ...served, providers: [{ provide: APP_GUARD, useClass: SignIn }, ...pipeAndInterceptor] })
export class AppModule {}

/** The same app with no Nest guard: callers are signed in by a server hook (see `startNest`), and refused ahead of Nest's pipeline. */
@Module({ ...served, providers: pipeAndInterceptor })
export class HookedAppModule {}

export type Platform = 'express' | 'fastify';
export const PLATFORMS: readonly Platform[] = ['express', 'fastify'];

type NestApp = NestExpressApplication | NestFastifyApplication;

/** A Nest app listening on loopback, and how to stop it. */
export interface RunningNest {
  readonly url: string;
  readonly app: NestApp;
  close(): Promise<void>;
}

function create(platform: Platform, root: Type): Promise<NestApp> {
  return platform === 'express'
    ? NestFactory.create<NestExpressApplication>(root, { logger: false })
    : NestFactory.create<NestFastifyApplication>(root, new FastifyAdapter(), { logger: false });
}

async function compileTestingApp(platform: Platform, root: Type): Promise<NestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [root] }).compile();
  return platform === 'express'
    ? moduleRef.createNestApplication<NestExpressApplication>({ logger: false })
    : moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
}

type HookedRequest = Parameters<typeof signInFrom>[0];

// Signs callers in before Nest's pipeline, as an Express middleware or a
// Fastify hook does (express-session and passport, @fastify/jwt).
function signInByHook(platform: Platform, app: NestApp): void {
  if (platform === 'express') {
    (app as NestExpressApplication).use((req: HookedRequest, _res: unknown, next: () => void) => {
      signInFrom(req);
      next();
    });
  } else {
    (app as NestFastifyApplication)
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (request) => {
        signInFrom(request as unknown as HookedRequest);
      });
  }
}

/**
 * Starts `root` on `platform` at 127.0.0.1 port 0, built by NestFactory or,
 * with `testing`, by @nestjs/testing; with `hook`, a server hook signs
 * callers in before Nest's pipeline; `prepare` sets the app up before it listens.
 */
export async function startNest(
  platform: Platform,
  { testing = false, root = AppModule as Type, hook = false, prepare = (_app: NestApp): unknown => undefined } = {},
): Promise<RunningNest> {
  const app = testing ? await compileTestingApp(platform, root) : await create(platform, root);
  if (hook) signInByHook(platform, app);
  prepare(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    close: async () => {
      app.getHttpServer().closeAllConnections();
      await app.close();
    },
  };
}
