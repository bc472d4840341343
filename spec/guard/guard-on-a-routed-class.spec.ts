import { findUnguardedHandlers, getAccessRules, isJsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

// What NestJS's decorators put on the function of each method Nest calls:
// `@Get()` a path and a method, `@MessagePattern()` a pattern. Written for
// both decorator modes: legacy passes the descriptor third, standard the
// method first.
function marking(entries: Readonly<Record<string, unknown>>): any {
  return (target: unknown, _context: unknown, found?: PropertyDescriptor) => {
    const method = (found === undefined ? target : found.value) as object;
    for (const [key, value] of Object.entries(entries)) Reflect.defineMetadata(key, value, method);
  };
}
const Get = () => marking({ path: '/', method: 0 });
const MessagePattern = (pattern: string) => marking({ 'microservices:pattern': [pattern] });

interface Doc {
  readonly owner: string;
}
const DOC: Doc = { owner: 'alice' };

class Routes {
  @Get()
  inherited(_req: object): string {
    return 'inherited';
  }
}

@loginRequiredAjax()
class DocsController extends Routes {
  @Get()
  update(req: { user?: { name: string } }): string {
    return this.isOwner(DOC, req.user) ? 'updated' : 'forbidden';
  }

  @MessagePattern('docs.count')
  count(_message: object): number {
    return 1;
  }

  isOwner(doc: Doc, user: { name: string } | undefined): boolean {
    return doc.owner === user?.name;
  }

  get title(): () => string {
    return () => 'Docs';
  }

  readonly toDto = (doc: Doc): { owner: string } => ({ owner: doc.owner });
}

@loginRequiredAjax()
class NoRoutes {
  isOwner(doc: Doc, user: { name: string } | undefined): boolean {
    return doc.owner === user?.name;
  }
}

// A controller extending the guarded one, as a module's controllers extend a base.
class MoreDocsController extends DocsController {
  @Get()
  archive(req: { user?: { name: string } }): string {
    return this.isArchivist(req.user) ? 'archived' : 'forbidden';
  }

  isArchivist(user: { name: string } | undefined): boolean {
    return user?.name === 'alice';
  }
}

describe(inMode('loginRequiredAjax() on a NestJS controller (a class with routes)'), () => {
  it('guards its routes, inherited ones too, and its message handlers', () => {
    const controller = new DocsController();
    expect([
      isJsonResponse(controller.update(anonymousRequest())),
      isJsonResponse(controller.inherited(anonymousRequest())),
      isJsonResponse(controller.count({ pattern: 'docs.count' })),
      controller.inherited(signedInRequest()),
    ]).to.deep.equal([true, true, true, 'inherited']);
  });

  it("leaves a helper method to answer for itself, so a signed-in caller who is not the owner is the route's to refuse", () => {
    const controller = new DocsController();
    expect([
      controller.update(signedInRequest({ name: 'bob' })),
      controller.update(signedInRequest({ name: 'alice' })),
      controller.isOwner(DOC, { name: 'bob' }),
    ]).to.deep.equal(['forbidden', 'updated', false]);
  });

  it('leaves its fields and getters alone: only its own code calls them', () => {
    const controller = new DocsController();
    expect([controller.toDto(DOC), controller.title()]).to.deep.equal([{ owner: 'alice' }, 'Docs']);
  });

  it('is what introspection reports: the routes carry the rule, nothing else is a handler', () => {
    expect([
      getAccessRules(DocsController, 'update'),
      getAccessRules(DocsController, 'count'),
      getAccessRules(DocsController, 'isOwner'),
      findUnguardedHandlers(DocsController),
      findUnguardedHandlers(new DocsController()),
    ]).to.deep.equal([[{ kind: 'login' }], [{ kind: 'login' }], [], [], []]);
  });

  it('guards the routes a subclass adds, and leaves its helpers alone', () => {
    const controller = new MoreDocsController();
    expect([
      isJsonResponse(controller.archive(anonymousRequest())),
      controller.archive(signedInRequest({ name: 'bob' })),
      controller.archive(signedInRequest({ name: 'alice' })),
      controller.isArchivist({ name: 'alice' }),
      findUnguardedHandlers(MoreDocsController),
    ]).to.deep.equal([true, 'forbidden', 'archived', true, []]);
  });

  it('guards every method of a class with no routes, helpers too', () => {
    expect(isJsonResponse(new NoRoutes().isOwner(DOC, { name: 'alice' }))).to.equal(true);
  });
});
