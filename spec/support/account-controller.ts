import { type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';

/** The one user of every test app, as its passport strategy finds it. */
export interface TestUser {
  readonly id: number;
  readonly username: string;
}

export const ALICE: TestUser = Object.freeze({ id: 1, username: 'alice' });
export const CREDENTIALS = Object.freeze({ username: 'alice', password: 'wonderland' });

/** What a passport LocalStrategy's verify function does for the test apps. */
export function findUser(username: string, password: string): TestUser | false {
  return username === CREDENTIALS.username && password === CREDENTIALS.password ? ALICE : false;
}

/**
 * A controller as an app would write it: every method guarded by
 * `@loginRequiredAjax()`, called with the framework's request first. Each
 * method shows one kind of answer an adapter must write.
 */
export class AccountController {
  /** A JsonResponse with a header of its own. */
  @loginRequiredAjax()
  me(_request: object, user: TestUser): JsonResponse {
    return jsonResponse({ username: user.username }, { headers: { 'x-handler': 'me' } });
  }

  /** Plain data, to be written as 200 JSON (with a two-byte character, so length is in bytes). */
  @loginRequiredAjax()
  data(_request: object): { readonly items: readonly unknown[] } {
    return { items: [1, 'ü'] };
  }

  /** Nothing: the adapter answers 204. */
  @loginRequiredAjax()
  nothing(_request: object): undefined {
    return undefined;
  }

  /** A status and a content type of its own, to be written as they are. */
  @loginRequiredAjax()
  created(_request: object): JsonResponse {
    return jsonResponse(
      { id: 7 },
      { status: 201, headers: { location: '/items/7', 'content-type': 'application/vnd.api+json' } },
    );
  }

  /** An async method. */
  @loginRequiredAjax()
  async later(_request: object): Promise<JsonResponse> {
    await Promise.resolve();
    return jsonResponse({ later: true });
  }

  @loginRequiredAjax()
  broken(_request: object): JsonResponse {
    throw new Error('broken handler');
  }

  @loginRequiredAjax()
  async rejected(_request: object): Promise<JsonResponse> {
    throw new Error('rejected handler');
  }

  /** A check that throws: fail closed, so the method never runs. */
  @loginRequiredAjax({
    isAuthenticated: () => {
      throw new Error('check failed');
    },
  })
  unchecked(_request: object): JsonResponse {
    return jsonResponse({ reached: true });
  }

  /** A body JSON cannot hold: a cycle. */
  @loginRequiredAjax()
  cycle(_request: object): JsonResponse {
    const node: Record<string, unknown> = { name: 'loop' };
    node.self = node;
    return jsonResponse(node);
  }

  /** A status no answer can have: an informational 1xx, which would leave the client waiting. */
  @loginRequiredAjax()
  informational(_request: object): JsonResponse {
    return jsonResponse({ hint: true }, { status: 103 });
  }

  /** A body JSON cannot hold: a BigInt. */
  @loginRequiredAjax()
  bigint(_request: object): { readonly count: bigint } {
    return { count: 10n };
  }
}

/** The controller methods every test app routes, each at `/<name>`, through the adapter's `toHandler`. */
export const ROUTED = [
  'me',
  'data',
  'nothing',
  'created',
  'later',
  'broken',
  'rejected',
  'unchecked',
  'cycle',
  'bigint',
  'informational',
] as const;

/** Calls the routed method `name` as a route would. */
export function route(account: AccountController, name: (typeof ROUTED)[number], request: object, user: unknown): unknown {
  return account[name](request, user as TestUser);
}

/** What every test app's error handler answers, so a test can tell that the app's handler ran. */
export const APP_ERROR_STATUS = 503;
export const appErrorBody = (error: unknown): { handledBy: string; message: string } => ({
  handledBy: 'app',
  message: error instanceof Error ? error.message : 'unknown',
});
