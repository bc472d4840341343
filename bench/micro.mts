/**
 * The decorator alone: ns per call of a bare method, the guarded method on
 * the authenticated path (sync check), the refusal path, and the async-check
 * path. Run with `npm run bench:micro`.
 */
import { type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { bench, do_not_optimize, group, run, summary } from 'mitata';

const DATA = jsonResponse({ items: [1, 2, 3] });
const user = { user: { id: 1 } };
const anonymous = {};

class Bare {
  get(_req: object): JsonResponse {
    return DATA;
  }
}

class Guarded {
  @loginRequiredAjax()
  get(_req: object): JsonResponse {
    return DATA;
  }
}

class AsyncChecked {
  @loginRequiredAjax({ isAuthenticated: async (req: { user?: unknown }) => req.user !== undefined })
  async get(_req: object): Promise<JsonResponse> {
    return DATA;
  }
}

const bare = new Bare();
const guarded = new Guarded();
const asyncChecked = new AsyncChecked();

summary(() => {
  group('authenticated, sync check', () => {
    bench('bare method', () => do_not_optimize(bare.get(user))).baseline(true);
    bench('@loginRequiredAjax()', () => do_not_optimize(guarded.get(user)));
  });
});

group('refusal and async paths', () => {
  bench('@loginRequiredAjax() refusing an anonymous call', () => do_not_optimize(guarded.get(anonymous)));
  bench('@loginRequiredAjax({ isAuthenticated: async }) authenticated', async () =>
    do_not_optimize(await asyncChecked.get(user)),
  );
});

await run();
