// A guarded handler unit-tested with vitest: no server, just calls.
import { type JsonResponse, jsonResponse, loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';
import { describe, expect, it } from 'vitest';

interface Req {
  user?: { permissions: string[] };
}

class Reports {
  @loginRequiredAjax()
  list(_req: Req): JsonResponse {
    return jsonResponse({ reports: ['q1'] });
  }

  @permissionRequiredAjax('reports.delete')
  remove(_req: Req): JsonResponse {
    return jsonResponse({ removed: true });
  }
}

describe('Reports', () => {
  it('answers an anonymous caller 401 without running the handler', () => {
    const res = new Reports().list({});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ errorcode: 'AUTHENTICATION_REQUIRED' });
  });

  it('answers 403 to a user without the permission', () => {
    expect(new Reports().remove({ user: { permissions: [] } }).status).toBe(403);
  });

  it('runs the handler for a user who has it', () => {
    const res = new Reports().remove({ user: { permissions: ['reports.delete'] } });
    expect(res).toMatchObject({ status: 200, body: { removed: true } });
  });
});
