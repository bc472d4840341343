import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  BadRequestException,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Module,
  type PipeTransform,
  Query,
  Req,
  Scope,
  UseGuards,
  VersioningType,
} from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { type JsonResponse, loginRequiredAjax, permissionRequiredAjax, userPassesTestAjax } from 'ajax-guard';
import { AjaxGuardModule } from 'ajax-guard/nestjs';
import { expect } from 'chai';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { rawRequest } from '../support/raw-request.js';
import { PLATFORMS, type RunningNest, startNest } from './apps.js';
import { as } from './controllers.js';

interface Caller {
  readonly headers: Record<string, string | undefined>;
  readonly user?: { readonly name: string };
}

// What the specs count: the pipe's runs, and the store an async user test asks.
const seen = { piped: 0, asked: 0 };

/** A pipe on every parameter that turns every value down, as a strict ValidationPipe turns down a bad body. */
class TurnDown implements PipeTransform {
  transform(): never {
    seen.piped++;
    throw new BadRequestException('turned down');
  }
}

/** Signs in whoever sends `x-nest-user`: only a Nest guard knows that caller. */
class SignInByNestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string>; user?: object }>();
    if (request.headers['x-nest-user'] === 'carol') request.user = { name: 'carol', permissions: [] };
    return true;
  }
}

const storeSaysAlice = userPassesTestAjax(async (user: { name: string }) => {
  seen.asked++;
  await nextTurn();
  return user.name === 'alice';
});

@Controller('ahead')
class AheadController {
  @Get('piped')
  @loginRequiredAjax()
  piped(@Query('q') q: string): { q: string } {
    return { q };
  }

  @Get('store')
  @storeSaysAlice
  async store(): Promise<{ stored: boolean }> {
    return { stored: true };
  }

  @Get('throws')
  @userPassesTestAjax(() => {
    throw new Error('the user store is down: secret detail');
  })
  throws(): { reached: boolean } {
    return { reached: true };
  }

  // Signed in, then a stricter guarded method with the very same request.
  @Get('nested')
  @loginRequiredAjax()
  nested(@Req() req: Caller): JsonResponse | { nested: boolean } {
    return this.adminOnly(req);
  }

  @permissionRequiredAjax('items.delete')
  adminOnly(_req: Caller): { nested: boolean } {
    return { nested: true };
  }

  @Get('nest-guarded')
  @UseGuards(SignInByNestGuard)
  @loginRequiredAjax()
  nestGuarded(@Req() req: Caller): { name: string | undefined } {
    return { name: req.user?.name };
  }
}

@UseGuards(SignInByNestGuard)
@Controller('nest-guarded-class')
class NestGuardedController {
  @Get()
  @loginRequiredAjax()
  show(@Req() req: Caller): { name: string | undefined } {
    return { name: req.user?.name };
  }
}

/** Built anew for every request, as Nest builds a controller that injects a request-scoped provider. */
@Controller({ path: 'per-request', scope: Scope.REQUEST })
class PerRequestController {
  @Get()
  @loginRequiredAjax()
  one(@Req() req: Caller): { name: string | undefined } {
    return { name: req.user?.name };
  }
}

@Module({
  imports: [AjaxGuardModule.forRoot()],
  controllers: [AheadController, NestGuardedController, PerRequestController],
  providers: [{ provide: APP_PIPE, useClass: TurnDown }],
})
class AheadModule {}

@Module({
  imports: [AjaxGuardModule.forRoot()],
  controllers: [AheadController],
  providers: [
    { provide: APP_PIPE, useClass: TurnDown },
    { provide: APP_GUARD, useClass: SignInByNestGuard },
  ],
})
class GloballyGuardedModule {}

// Two controllers on one path, told apart by Nest's filters: a guarded
// version 1 and a public version 2; a guarded admin host and a public one.
@Controller({ path: 'versioned', version: '1' })
class VersionOne {
  @Get()
  @loginRequiredAjax()
  show(): { version: number } {
    return { version: 1 };
  }
}

@Controller({ path: 'versioned', version: '2' })
class VersionTwo {
  @Get()
  show(): { version: number } {
    return { version: 2 };
  }
}

@Controller({ path: 'hosted', host: 'admin.example' })
class AdminHost {
  @Get()
  @loginRequiredAjax()
  show(): { host: string } {
    return { host: 'admin' };
  }
}

@Controller('hosted')
class AnyHost {
  @Get()
  show(): { host: string } {
    return { host: 'any' };
  }
}

@Module({ imports: [AjaxGuardModule.forRoot()], controllers: [VersionOne, VersionTwo] })
class VersionedModule {}

// Fastify routes hosts by its own constraints, with no path shared; Express
// shares the path, and Nest's host filter passes other hosts' requests on.
@Module({ imports: [AjaxGuardModule.forRoot()], controllers: [AdminHost, AnyHost] })
class HostedModule {}

describe(inMode('ajax-guard on a Nest express route bound to a host'), () => {
  let nest: RunningNest;
  before(async () => {
    nest = await startNest('express', { root: HostedModule, hook: true });
  });
  beforeEach(pinClock);
  after(() => nest?.close());

  it('refuses only on the host that is guarded', async () => {
    // fetch() may not set Host: a plain Node request does.
    const admin = await rawRequest(nest, '/hosted', { host: 'admin.example' });
    const other = await rawRequest(nest, '/hosted', { host: 'www.example' });
    expect([admin.status, other.status, other.body]).to.deep.equal([401, 200, '{"host":"any"}']);
  });
});

for (const platform of PLATFORMS) {
  describe(inMode(`ajax-guard on Nest ${platform} routes with header versioning`), () => {
    let nest: RunningNest;
    before(async () => {
      nest = await startNest(platform, {
        root: VersionedModule,
        hook: true,
        prepare: (app) => app.enableVersioning({ type: VersioningType.HEADER, header: 'x-api-version' }),
      });
    });
    beforeEach(pinClock);
    after(() => nest?.close());

    it('refuses only the version that is guarded', async () => {
      const one = await call(`${nest.url}/versioned`, { headers: { 'x-api-version': '1' } });
      const two = await call(`${nest.url}/versioned`, { headers: { 'x-api-version': '2' } });
      expect([one.status, two.status, two.body]).to.deep.equal([401, 200, '{"version":2}']);
    });
  });

  describe(inMode(`ajax-guard on a Nest ${platform} route with no Nest guard`), () => {
    let nest: RunningNest;
    const at = (path: string, headers: Record<string, string> = {}) => call(`${nest.url}${path}`, { headers });

    before(async () => {
      nest = await startNest(platform, { root: AheadModule, hook: true });
    });
    beforeEach(() => {
      pinClock();
      seen.piped = 0;
      seen.asked = 0;
    });
    after(() => nest?.close());

    it("refuses ahead of Nest's pipes: the anonymous caller gets the 401, and no pipe runs", async () => {
      const refused = await at('/ahead/piped');
      expect([refused.status, refused.body, seen.piped]).to.deep.equal([401, DEFAULT_401_JSON, 0]);
      expect((await at('/ahead/piped', as('alice'))).status).to.equal(400);
      expect(seen.piped).to.equal(1);
    });

    it('asks an async check’s store once per admitted call, and once per refused one', async () => {
      const served = await at('/ahead/store', as('alice'));
      expect([served.status, served.body, seen.asked]).to.deep.equal([200, '{"stored":true}', 1]);
      expect((await at('/ahead/store', as('bob'))).status).to.equal(403);
      expect(seen.asked).to.equal(2);
    });

    it('leaves a throwing check to Nest, whose 500 carries no stack and no detail', async () => {
      const answer = await at('/ahead/throws', as('alice'));
      expect([answer.status, answer.body]).to.deep.equal([500, '{"statusCode":500,"message":"Internal server error"}']);
    });

    it('still checks another guarded method the admitted handler calls with the same request', async () => {
      const answer = await at('/ahead/nested', as('bob'));
      expect(answer.status).to.equal(403);
      expect((await at('/ahead/nested', as('alice'))).body).to.equal('{"nested":true}');
    });

    it('guards a request-scoped controller’s route the same way', async () => {
      const refused = await at('/per-request');
      expect([refused.status, refused.body]).to.deep.equal([401, DEFAULT_401_JSON]);
      const served = await at('/per-request', as('alice'));
      expect([served.status, served.body]).to.deep.equal([200, '{"name":"alice"}']);
    });

    for (const path of ['/ahead/nest-guarded', '/nest-guarded-class']) {
      it(`runs after the @UseGuards() guard of ${path === '/ahead/nest-guarded' ? 'the method' : 'the controller'}, which may sign the caller in`, async () => {
        const answer = await at(path, { 'x-nest-user': 'carol' });
        expect([answer.status, answer.body]).to.deep.equal([200, '{"name":"carol"}']);
        expect((await at(path)).status).to.equal(401);
      });
    }
  });

  describe(inMode(`ajax-guard on a Nest ${platform} app with a global guard`), () => {
    let nest: RunningNest;
    before(async () => {
      nest = await startNest(platform, { root: GloballyGuardedModule, hook: true });
    });
    beforeEach(() => {
      pinClock();
      seen.piped = 0;
    });
    after(() => nest?.close());

    it('runs after that guard, which may sign the caller in, and after the pipes', async () => {
      const answer = await call(`${nest.url}/ahead/piped`, { headers: { 'x-nest-user': 'carol' } });
      expect([answer.status, seen.piped]).to.deep.equal([400, 1]);
      const refused = await call(`${nest.url}/ahead/store`);
      expect([refused.status, refused.body]).to.deep.equal([401, DEFAULT_401_JSON]);
    });
  });
}
