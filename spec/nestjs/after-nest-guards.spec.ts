import {
  type CallHandler,
  ClassSerializerInterceptor,
  Controller,
  type ExecutionContext,
  Get,
  type MessageEvent,
  Module,
  type NestInterceptor,
  Req,
  Sse,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { loginRequiredAjax } from 'ajax-guard';
import { AjaxGuardModule } from 'ajax-guard/nestjs';
import { expect } from 'chai';
import { type Observable, of, tap } from 'rxjs';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { PLATFORMS, type RunningNest, startNest } from './apps.js';
import { as, SignIn } from './controllers.js';

// Answers a URL it answered before from memory, before the handler runs, as a cache interceptor does.
const cached = new Map<string, unknown>();
class UrlCache implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { url } = context.switchToHttp().getRequest<{ url: string }>();
    if (cached.has(url)) return of(cached.get(url));
    return next.handle().pipe(tap((value) => cached.set(url, value)));
  }
}

@Controller('after')
class AfterGuardsController {
  @Get('me')
  @loginRequiredAjax()
  me(@Req() req: { user?: { name: string } }): { name: string | undefined } {
    return { name: req.user?.name };
  }

  @Sse('events')
  @loginRequiredAjax()
  events(): Observable<MessageEvent> {
    return of({ data: 'hello' });
  }
}

// A global guard (it signs callers in, as passport's AuthGuard does, so the
// check must come after it), a serializer and a cache around every handler.
@Module({
  imports: [AjaxGuardModule.forRoot()],
  controllers: [AfterGuardsController],
  providers: [
    { provide: APP_GUARD, useClass: SignIn },
    {
      provide: APP_INTERCEPTOR,
      useFactory: (reflector: Reflector) => new ClassSerializerInterceptor(reflector),
      inject: [Reflector],
    },
    { provide: APP_INTERCEPTOR, useClass: UrlCache },
  ],
})
class GuardedAppModule {}

for (const platform of PLATFORMS) {
  describe(inMode(`ajax-guard on Nest ${platform}, checked after the app's global guard`), () => {
    let nest: RunningNest;
    before(async () => {
      cached.clear();
      nest = await startNest(platform, { root: GuardedAppModule });
    });
    beforeEach(pinClock);
    after(() => nest?.close());

    it('refuses an anonymous caller before any interceptor, with the exact 401', async () => {
      const { status, headers, body } = await call(`${nest.url}/after/me`);
      expect([status, body]).to.deep.equal([401, DEFAULT_401_JSON]);
      expect(headers.get('cache-control')).to.equal('no-store');
    });

    it('serves a signed-in caller, whose answer a cache keeps, and still refuses the next anonymous one', async () => {
      const alice = await call(`${nest.url}/after/me`, { headers: as('alice') });
      const anonymous = await call(`${nest.url}/after/me`);
      expect([alice.status, alice.body, anonymous.status, anonymous.body]).to.deep.equal([
        200,
        '{"name":"alice"}',
        401,
        DEFAULT_401_JSON,
      ]);
    });

    it('refuses an anonymous caller of a server-sent events route with the 401, not a stream', async () => {
      const { status, body } = await call(`${nest.url}/after/events`);
      expect([status, body]).to.deep.equal([401, DEFAULT_401_JSON]);
    });
  });
}
