import { type ClassSerializerContextOptions, ClassSerializerInterceptor, Module, type PlainLiteralObject } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { configure, findUnguardedHandlers, getAccessRules, isJsonResponse, resetSettings } from 'ajax-guard';
import { AjaxGuardModule, nestRequest } from 'ajax-guard/nestjs';
import { expect } from 'chai';
import { referenceAnswer, startReference, type Written, written } from '../support/adapter-references.js';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import type { RunningServer } from '../support/http-server.js';
import { HookedAppModule, PLATFORMS, type RunningNest, startNest } from './apps.js';
import { AccountController, as, ItemsController, SignIn } from './controllers.js';

const json = (payload: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(payload),
});

// Every way a guarded route takes its parameters, with how to call it.
const GUARDED: Readonly<Record<string, { readonly path: string; readonly init?: RequestInit }>> = {
  'no parameters': { path: '/items/count' },
  '@Param() first (an async handler)': { path: '/items/42' },
  '@Body() first, @Req() second': { path: '/items', init: json({ name: 'pen' }) },
  '@Req() alone': { path: '/items/request' },
  'a custom @CurrentUser() param decorator': { path: '/items/me' },
  '@HttpCode(202)': { path: '/items/accept', init: json({ name: 'pen' }) },
  'a returned jsonResponse': { path: '/items/made', init: { method: 'POST' } },
  '@Res()': { path: '/items/respond' },
  '@Res({ passthrough: true })': { path: '/items/passthrough' },
  'applyDecorators(SetMetadata(...), loginRequiredAjax())': { path: '/items/composed' },
  permissionRequiredAjax: { path: '/items/42', init: { method: 'DELETE' } },
  'a class-level guard': { path: '/account' },
};

// Who signs callers in decides where the guard runs: after a Nest guard, in
// the method; with no Nest guard, ahead of Nest's pipeline. Both answer alike.
const SIGN_IN = [
  { by: 'a global Nest guard', root: undefined, hook: false },
  { by: 'a server hook, no Nest guard', root: HookedAppModule, hook: true },
] as const;

for (const platform of PLATFORMS) {
  for (const [testing, { by, root, hook }] of [false, true].flatMap((testing) => SIGN_IN.map((way) => [testing, way] as const))) {
    const built = testing ? 'built with @nestjs/testing' : 'built with NestFactory';
    describe(inMode(`AjaxGuardModule on Nest's ${platform} platform, ${built}, signed in by ${by}`), () => {
      let nest: RunningNest;
      let reference: RunningServer;
      const at = (path: string, init?: RequestInit) => call(`${nest.url}${path}`, init);

      before(async () => {
        nest = await startNest(platform, { testing, hook, ...(root && { root }) });
        reference = await startReference(platform);
      });
      // Every test starts from the default settings (the root hooks reset
      // them): the module puts its lookup of Nest's request back by itself.
      beforeEach(pinClock);
      after(async () => {
        await nest?.close();
        await reference?.close();
      });

      describe('an anonymous caller', () => {
        let expected: Written;
        beforeEach(async () => {
          expected = await referenceAnswer(reference, '/401');
          expect(expected.body).to.equal(DEFAULT_401_JSON);
        });

        for (const [shape, { path, init }] of Object.entries(GUARDED)) {
          it(`gets the adapter's exact 401 from a route with ${shape}`, async () => {
            expect(written(await at(path, init))).to.deep.equal(expected);
          });
        }

        it('never gets a 2xx for a body that claims a user', async () => {
          for (const path of ['/items', '/items/accept']) {
            const forged = await at(path, json({ name: 'pen', user: { name: 'alice', permissions: ['items.delete'] } }));
            expect(forged.status, path).to.equal(401);
            expect((await at(path, json({ user: {} }))).status, path).to.equal(401);
          }
        });

        it('reaches a method marked @allowAnonymous() under a class-level guard', async () => {
          const answer = await at('/account/health');
          expect([answer.status, answer.body]).to.deep.equal([200, '{"ok":true}']);
        });
      });

      describe('a signed-in caller', () => {
        const answers: Readonly<Record<string, readonly [string, RequestInit | undefined, number, string]>> = {
          'no parameters': ['/items/count', undefined, 200, '{"count":3}'],
          '@Param() first': ['/items/42', undefined, 200, '{"id":"42"}'],
          '@Body() first, @Req() second': ['/items', json({ name: 'pen' }), 201, '{"created":"pen","by":"alice"}'],
          '@Req() alone': ['/items/request', undefined, 200, '{"name":"alice"}'],
          '@CurrentUser()': ['/items/me', undefined, 200, '{"name":"alice"}'],
          '@HttpCode(202)': ['/items/accept', json({ name: 'pen' }), 202, '{"accepted":"pen"}'],
          '@Res()': ['/items/respond', undefined, 200, '{"responded":true}'],
          applyDecorators: ['/items/composed', undefined, 200, '{"composed":true}'],
          'permission held': ['/items/42', { method: 'DELETE' }, 200, '{"removed":"42"}'],
          'a class-level guard': ['/account', undefined, 200, '{"name":"alice"}'],
        };
        for (const [shape, [path, init, status, body]] of Object.entries(answers)) {
          it(`gets Nest's own answer from a route with ${shape}`, async () => {
            const answer = await at(path, { ...init, headers: { ...(init?.headers as object), ...as('alice') } });
            expect([answer.status, answer.body]).to.deep.equal([status, body]);
          });
        }

        it('gets what @Res({ passthrough: true }) set, and the returned data', async () => {
          const answer = await at('/items/passthrough', { headers: as('alice') });
          expect([answer.status, answer.body, answer.headers.get('x-passed')]).to.deep.equal([200, '{"passed":true}', 'yes']);
        });

        it('gets a returned jsonResponse(..., { status: 201, headers }) exactly as the adapter writes it', async () => {
          const expected = await referenceAnswer(reference, '/made', 'POST');
          expect(expected.headers).to.include({ location: '/items/7', 'x-made-by': 'handler' });
          expect(written(await at('/items/made', { method: 'POST', headers: as('alice') }))).to.deep.equal(expected);
        });

        it('gets the adapter’s exact 403 without the permission', async () => {
          const expected = await referenceAnswer(reference, '/403');
          expect(expected.status).to.equal(403);
          expect(written(await at('/items/42', { method: 'DELETE', headers: as('bob') }))).to.deep.equal(expected);
        });

        it('is told apart from anonymous callers served at the same time', async () => {
          const callers = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? as('alice') : {}));
          const answers = await Promise.all(callers.map((headers) => at('/items/42', { headers })));
          expect(answers.map((answer) => answer.status)).to.deep.equal(callers.map((_, i) => (i % 2 === 0 ? 200 : 401)));
        });
      });

      it('puts its lookup of Nest’s request back after resetSettings(), and leaves a getRequest the app sets alone', async () => {
        resetSettings();
        expect((await at('/items/42', { headers: as('alice') })).status).to.equal(200);
        expect(configure({}).getRequest).to.equal(nestRequest);
        // The app's own lookup, here one that finds nobody signed in, stays in force.
        class Anonymous {}
        const nobody = () => new Anonymous();
        configure({ getRequest: nobody });
        expect((await at('/items/42', { headers: as('alice') })).status).to.equal(401);
        expect(configure({}).getRequest).to.equal(nobody);
      });

      it('runs the lifecycle hook of a controller under a class-level guard', () => {
        expect(nest.app.get(AccountController).initialised).to.equal(true);
      });
    });
  }
}

describe(inMode('introspection of Nest controllers'), () => {
  it('sees the rules of method guards, applyDecorators and class-level guards', () => {
    expect(getAccessRules(ItemsController, 'create')).to.deep.equal([{ kind: 'login' }]);
    expect(getAccessRules(ItemsController, 'composed')).to.deep.equal([{ kind: 'login' }]);
    expect(getAccessRules(ItemsController, 'remove')).to.deep.equal([{ kind: 'permission', perms: ['items.delete'] }]);
    expect(getAccessRules(AccountController, 'show')).to.deep.equal([{ kind: 'login' }]);
    expect(getAccessRules(AccountController, 'health')).to.deep.equal([{ kind: 'anonymous' }]);
  });

  it('finds no unguarded handler, lifecycle hooks aside', () => {
    expect(findUnguardedHandlers(ItemsController)).to.deep.equal([]);
    expect(findUnguardedHandlers(AccountController)).to.deep.equal([]);
  });
});

describe(inMode('settings given to AjaxGuardModule.forRoot()'), () => {
  @Module({
    imports: [AjaxGuardModule.forRoot({ challenge: 'Bearer realm="api"' })],
    controllers: [ItemsController],
    providers: [{ provide: APP_GUARD, useClass: SignIn }],
  })
  class BearerModule {}

  for (const platform of PLATFORMS) {
    describe(`on Nest's ${platform} platform`, () => {
      let nest: RunningNest;
      before(async () => {
        // Settings reset since the module was defined: the app applies them again as it is built.
        resetSettings();
        nest = await startNest(platform, { root: BearerModule });
      });
      after(() => nest?.close());

      it('reach the app as it is built: the challenge of its refusals, and Nest’s request for its guards', async () => {
        const refused = await call(`${nest.url}/items/42`);
        const served = await call(`${nest.url}/items/42`, { headers: as('alice') });
        expect([refused.status, refused.headers.get('www-authenticate'), served.status]).to.deep.equal([
          401,
          'Bearer realm="api"',
          200,
        ]);
      });
    });
  }
});

/** Asserts `nest` refuses an anonymous caller of /items/42 with the default 401, and serves alice. */
async function expectRefusedThenServed(nest: RunningNest): Promise<void> {
  const refused = await call(`${nest.url}/items/42`);
  const served = await call(`${nest.url}/items/42`, { headers: as('alice') });
  expect([refused.status, refused.body, served.status, served.body]).to.deep.equal([401, DEFAULT_401_JSON, 200, '{"id":"42"}']);
}

describe(inMode('a ClassSerializerInterceptor that passes JsonResponses through'), () => {
  class Serializer extends ClassSerializerInterceptor {
    override serialize(response: PlainLiteralObject, options: ClassSerializerContextOptions) {
      return isJsonResponse(response) ? response : super.serialize(response, options);
    }
  }

  @Module({
    imports: [AjaxGuardModule.forRoot()],
    controllers: [ItemsController],
    providers: [
      { provide: APP_GUARD, useClass: SignIn },
      { provide: APP_INTERCEPTOR, useFactory: (reflector: Reflector) => new Serializer(reflector), inject: [Reflector] },
    ],
  })
  class SerializedModule {}

  for (const platform of PLATFORMS) {
    describe(`on Nest's ${platform} platform`, () => {
      let nest: RunningNest;
      before(async () => {
        nest = await startNest(platform, { root: SerializedModule });
      });
      beforeEach(pinClock);
      after(() => nest?.close());

      it('leaves refusals to the module and serializes data', async () => {
        await expectRefusedThenServed(nest);
      });
    });
  }
});

describe(inMode('AjaxGuardModule imported as it is, without forRoot()'), () => {
  @Module({ imports: [AjaxGuardModule], controllers: [ItemsController], providers: [{ provide: APP_GUARD, useClass: SignIn }] })
  class BareModule {}

  for (const platform of PLATFORMS) {
    it(`works with the default settings on Nest's ${platform} platform`, async () => {
      pinClock();
      const nest = await startNest(platform, { root: BareModule });
      try {
        await expectRefusedThenServed(nest);
      } finally {
        await nest.close();
      }
    });
  }
});

describe(inMode('AjaxGuardModule imported twice: forRoot() at the root and as it is by a feature module'), () => {
  @Module({ imports: [AjaxGuardModule], controllers: [ItemsController] })
  class FeatureModule {}
  @Module({ imports: [AjaxGuardModule.forRoot({}), FeatureModule], providers: [{ provide: APP_GUARD, useClass: SignIn }] })
  class TwiceModule {}

  for (const platform of PLATFORMS) {
    it(`prepares Nest's ${platform} platform once, and answers exactly as with one import`, async () => {
      pinClock();
      const nest = await startNest(platform, { root: TwiceModule });
      try {
        await expectRefusedThenServed(nest);
      } finally {
        await nest.close();
      }
    });
  }
});
