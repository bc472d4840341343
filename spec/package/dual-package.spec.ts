import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest } from '../support/requests.js';

type AjaxGuard = typeof import('ajax-guard');

// One process, both builds: an ESM app whose CommonJS dependency also uses
// ajax-guard. (This file compiles to CommonJS, so `require` loads the
// package's "require" entry and `import()` its "import" entry.)
describe(inMode('ajax-guard loaded through require and through import in one process'), () => {
  let cjs: AjaxGuard;
  let esm: AjaxGuard;

  before(async () => {
    cjs = require('ajax-guard') as AjaxGuard;
    esm = await import('ajax-guard');
  });

  afterEach(() => {
    cjs.resetSettings();
    esm.resetSettings();
  });

  it('loads the two entry points the exports map names', () => {
    expect(require.resolve('ajax-guard')).to.match(/[\\/]dist[\\/]index\.js$/);
    expect(Object.prototype.toString.call(esm)).to.equal('[object Module]');
    expect(esm).not.to.equal(cjs);
  });

  it('shares settings configured through require with guards made through import', () => {
    cjs.configure({ errorCodes: { authentication: 'SET_BY_CJS' }, challenge: 'Cjs' });
    const res = esm.loginRequiredAjax()((_req: object) => 'data')(anonymousRequest()) as ReturnType<AjaxGuard['jsonResponse']>;
    expect(res.body).to.include({ errorcode: 'SET_BY_CJS' });
    expect(res.headers['www-authenticate']).to.equal('Cjs');
  });

  it('shares settings configured through import with guards made through require', () => {
    esm.configure({ errorCodes: { authentication: 'SET_BY_ESM' } });
    const res = cjs.loginRequiredAjax()((_req: object) => 'data')(anonymousRequest()) as ReturnType<AjaxGuard['jsonResponse']>;
    expect(res.body).to.include({ errorcode: 'SET_BY_ESM' });
  });

  it('resets the settings of both through either', () => {
    cjs.configure({ challenge: 'Cjs' });
    esm.resetSettings();
    expect(cjs.configure({}).challenge).to.equal('Session');
  });

  it('recognises each other’s responses', () => {
    expect(esm.isJsonResponse(cjs.jsonResponse({ from: 'cjs' }))).to.equal(true);
    expect(cjs.isJsonResponse(esm.jsonResponse({ from: 'esm' }))).to.equal(true);
  });

  it('keeps each other’s rules readable', () => {
    const guarded = cjs.loginRequiredAjax()((_req: object) => 'data');
    expect(esm.getAccessRules(guarded)).to.deep.equal([{ kind: 'login' }]);
  });
});
