import { Controller, ForbiddenException, Get, Module, Param, Put, Req } from '@nestjs/common';
import { findUnguardedHandlers, getAccessRules, isJsonResponse, loginRequiredAjax } from 'ajax-guard';
import { AjaxGuardModule } from 'ajax-guard/nestjs';
import { expect } from 'chai';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { PLATFORMS, type RunningNest, startNest } from './apps.js';
import { as } from './controllers.js';

interface Doc {
  readonly id: string;
  readonly owner: string;
  readonly title: string;
}
type Signed = { user?: { name: string } };

const DOCS: Readonly<Record<string, Doc>> = { '1': { id: '1', owner: 'alice', title: 'plan' } };

/** What `@MessagePattern()` puts on a method: Nest calls it with a message. */
function Pattern(pattern: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata('microservices:pattern', [pattern], descriptor.value as object);
  };
}

// The controller as Nest apps write one: a class-level guard, and helpers the routes call with data.
@Controller('docs')
@loginRequiredAjax()
class DocsController {
  @Put(':id')
  update(@Param('id') id: string, @Req() req: Signed): { updated: string } {
    const doc = DOCS[id] as Doc;
    if (!this.isOwner(doc, req.user)) throw new ForbiddenException();
    return { updated: doc.id };
  }

  @Get(':id')
  show(@Param('id') id: string): { title: string } {
    return this.toDto(DOCS[id] as Doc);
  }

  @Pattern('docs.count')
  count(): number {
    return Object.keys(DOCS).length;
  }

  private isOwner(doc: Doc, user: Signed['user']): boolean {
    return doc.owner === user?.name;
  }

  private readonly toDto = (doc: Doc): { title: string } => ({ title: doc.title });
}

@Module({ imports: [AjaxGuardModule.forRoot()], controllers: [DocsController] })
class DocsModule {}

describe(inMode('a class-level guard on a NestJS controller'), () => {
  it('guards its routes and message handlers, and leaves the methods and fields only its own code calls', () => {
    const controller = new DocsController();
    expect([
      findUnguardedHandlers(DocsController),
      findUnguardedHandlers(controller),
      getAccessRules(DocsController, 'update'),
      getAccessRules(DocsController, 'count'),
      getAccessRules(DocsController, 'isOwner'),
      isJsonResponse(controller.count()),
      Reflect.apply(Reflect.get(controller, 'isOwner') as () => boolean, controller, [DOCS['1'], { name: 'bob' }]),
    ]).to.deep.equal([[], [], [{ kind: 'login' }], [{ kind: 'login' }], [], true, false]);
  });

  for (const platform of PLATFORMS) {
    describe(`on Nest ${platform}`, () => {
      let nest: RunningNest;
      before(async () => {
        nest = await startNest(platform, { root: DocsModule, hook: true });
      });
      beforeEach(pinClock);
      after(() => nest?.close());

      it("gives a helper its own answer: a signed-in caller who is not the owner is the route's 403", async () => {
        const bob = await call(`${nest.url}/docs/1`, { method: 'PUT', headers: as('bob') });
        const alice = await call(`${nest.url}/docs/1`, { method: 'PUT', headers: as('alice') });
        expect([bob.status, alice.status, alice.body]).to.deep.equal([403, 200, '{"updated":"1"}']);
      });

      it('still refuses an anonymous caller on every route', async () => {
        const update = await call(`${nest.url}/docs/1`, { method: 'PUT' });
        const show = await call(`${nest.url}/docs/1`);
        const shown = await call(`${nest.url}/docs/1`, { headers: as('bob') });
        expect([update.status, update.body, show.status, show.body, shown.status, shown.body]).to.deep.equal([
          401,
          DEFAULT_401_JSON,
          401,
          DEFAULT_401_JSON,
          200,
          '{"title":"plan"}',
        ]);
      });
    });
  }
});
