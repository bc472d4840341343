import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { configure, isJsonResponse, resetSettings } from 'ajax-guard';
import { AjaxGuardModule, nestRequest } from 'ajax-guard/nestjs';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';
import { ItemsController } from './controllers.js';

const alice = { name: 'alice', permissions: ['items.delete'] };

describe(inMode('a Nest controller method called directly, with no Nest'), () => {
  afterEach(() => resetSettings());

  for (const [situation, setUp] of [
    ['with default settings', () => undefined],
    ['once AjaxGuardModule.forRoot() has set Nest’s request lookup', () => void AjaxGuardModule.forRoot()],
  ] as const) {
    describe(situation, () => {
      beforeEach(setUp);

      it('runs for a plain request object that is signed in', () => {
        expect(new ItemsController().request(signedInRequest(alice) as never)).to.deep.equal({ name: 'alice' });
      });

      it('refuses a plain request object nobody signed in, with the 401 itself', () => {
        const refusal = new ItemsController().request(anonymousRequest() as never);
        expect(isJsonResponse(refusal)).to.equal(true);
        expectDefault401(refusal as never);
      });

      it('refuses a call with no request at all', () => {
        expect(new ItemsController().count()).to.have.property('status', 401);
      });
    });
  }

  it('finds the request where a getRequest option says, for methods whose request is not first', () => {
    configure({ getRequest: (args) => args[1] });
    const controller = new ItemsController();
    expect(controller.create({ name: 'pen' }, signedInRequest(alice) as never)).to.deep.equal({ created: 'pen', by: 'alice' });
    expect(controller.create({ name: 'pen' }, anonymousRequest() as never)).to.have.property('status', 401);
  });

  it('leaves nestRequest falling back to the first argument outside a request', () => {
    const request = signedInRequest(alice);
    expect(nestRequest([request, 'other'])).to.equal(request);
  });

  it('has nestRequest read the Node request Nest passes last, or the Fastify request around one, never a body', () => {
    const node = new IncomingMessage(new Socket());
    const fastifyRequest = { raw: node, user: alice };
    const body = { user: alice, raw: { httpVersion: '1.1', method: 'GET' } };
    expect(nestRequest([{ name: 'pen' }, node])).to.equal(node);
    expect(nestRequest(['42', fastifyRequest])).to.equal(fastifyRequest);
    expect(nestRequest(['42', body])).to.equal('42');
  });
});

describe(inMode('AjaxGuardModule.forRoot(settings)'), () => {
  afterEach(() => resetSettings());

  it('hands the settings to configure, with Nest’s request lookup', () => {
    const module = AjaxGuardModule.forRoot({ challenge: 'Bearer realm="api"' });
    expect(module).to.include({ module: AjaxGuardModule, global: true });
    const previous = configure({});
    expect(previous.challenge).to.equal('Bearer realm="api"');
    expect(previous.getRequest).to.equal(nestRequest);
  });

  it('keeps a getRequest the app gives', () => {
    const getRequest = (args: ArrayLike<unknown>) => args[1];
    AjaxGuardModule.forRoot({ getRequest });
    expect(configure({}).getRequest).to.equal(getRequest);
  });

  it('throws a TypeError naming a bad setting at start-up, and changes nothing', () => {
    expect(() => AjaxGuardModule.forRoot({ challenge: 'Session\r\nx-injected: 1' })).to.throw(TypeError, /challenge/);
    expect(() => AjaxGuardModule.forRoot({ getRequest: 'args[1]' as never })).to.throw(TypeError, /getRequest/);
    expect(configure({}).getRequest).not.to.equal(nestRequest);
  });
});

describe(inMode('AjaxGuardModule on a Nest platform other than Express and Fastify'), () => {
  afterEach(() => resetSettings());

  it('is a TypeError naming the platform when Nest sets it up', () => {
    // What Nest hands the module: its adapter host and its modules. The
    // constructor and configure() are Nest's to call, hence the cast.
    const Built = AjaxGuardModule as unknown as new (
      host: object,
      modules: Map<string, object>,
      config: object,
      settings: undefined,
    ) => { configure(): void };
    const module = new Built({ httpAdapter: { getType: () => 'h3' } }, new Map(), {}, undefined);
    expect(() => module.configure()).to.throw(TypeError, /Express and Fastify platforms, not "h3"/);
  });
});
