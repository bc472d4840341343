import { Body, Controller, Get, Module, Post, Req, Res } from '@nestjs/common';
import { loginRequiredAjax } from 'ajax-guard';
import { AjaxGuardModule } from 'ajax-guard/nestjs';
import { expect } from 'chai';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call, postJson } from '../support/http-client.js';
import { PLATFORMS, type RunningNest, startNest } from './apps.js';
import { as } from './controllers.js';

/** A decorator that replaces the method with a function of its own, as tracing and transaction decorators do. */
function Traced(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const method = descriptor.value as (...args: unknown[]) => unknown;
    descriptor.value = function (this: unknown, ...args: unknown[]): unknown {
      return method.apply(this, args);
    };
  };
}

@Controller('traced')
class TracedController {
  // The body comes first and alone: an anonymous caller chooses what it holds.
  @Post()
  @Traced()
  @loginRequiredAjax()
  create(@Body() dto: { name: string }): { created: string } {
    return { created: dto.name };
  }

  @Get()
  @Traced()
  @loginRequiredAjax()
  mine(@Req() req: { user?: { name: string } }): { name: string | undefined } {
    return { name: req.user?.name };
  }
}

// A handler that answers through @Res(): Nest leaves its answer to it, the refusal included.
@Controller('traced-respond')
class TracedRespondController {
  @Get()
  @Traced()
  @loginRequiredAjax()
  respond(@Res() res: { status(code: number): { send(body: object): void } }): void {
    res.status(200).send({ responded: true });
  }
}

@Module({ imports: [AjaxGuardModule.forRoot()], controllers: [TracedController, TracedRespondController] })
class TracedModule {}

for (const platform of PLATFORMS) {
  describe(inMode(`ajax-guard on Nest ${platform}, under a decorator stacked outside the guard`), () => {
    let nest: RunningNest;
    before(async () => {
      nest = await startNest(platform, { root: TracedModule, hook: true });
    });
    beforeEach(pinClock);
    after(() => nest?.close());

    it('never reads a body that says it holds a user as the request', async () => {
      const response = await postJson(`${nest.url}/traced`, { name: 'x', user: { name: 'mallory' } });
      expect([response.status, await response.text()]).to.deep.equal([401, DEFAULT_401_JSON]);
    });

    it('runs the method for a signed-in caller, with its body', async () => {
      const response = await postJson(`${nest.url}/traced`, { name: 'x' }, as('alice'));
      expect([response.status, await response.json()]).to.deep.equal([201, { created: 'x' }]);
    });

    it('writes the refusal of a method that answers through @Res(), and lets it answer a signed-in caller', async () => {
      const anonymous = await call(`${nest.url}/traced-respond`);
      const alice = await call(`${nest.url}/traced-respond`, { headers: as('alice') });
      expect([anonymous.status, anonymous.body, alice.status, alice.body]).to.deep.equal([
        401,
        DEFAULT_401_JSON,
        200,
        '{"responded":true}',
      ]);
    });

    it('refuses an anonymous caller of a method that takes @Req(), and serves a signed-in one', async () => {
      const anonymous = await call(`${nest.url}/traced`);
      const alice = await call(`${nest.url}/traced`, { headers: as('alice') });
      expect([anonymous.status, anonymous.body, alice.status, alice.body]).to.deep.equal([
        401,
        DEFAULT_401_JSON,
        200,
        '{"name":"alice"}',
      ]);
    });
  });
}
