import {
  configure,
  defaultHasPermission,
  defaultIsAuthenticated,
  defaultRender,
  type JsonResponse,
  jsonResponse,
  loginRequiredAjax,
  resetSettings,
  type SettingsInput,
} from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { PINNED_NOW_MS } from './support/clock.js';
import { inMode } from './support/decorator-mode.js';
import { whilePolluted } from './support/pollution.js';
import { anonymousRequest } from './support/requests.js';

type Body = Record<string, unknown>;

// A guard created before any configure call: settings are read per call.
const guarded = loginRequiredAjax()((_req: object) => 'data');
const refusal = (): JsonResponse<Body> => guarded(anonymousRequest()) as JsonResponse<Body>;

describe(inMode('configure(settings)'), () => {
  describe('the defaults it returns on first use', () => {
    it('are the documented ones', () => {
      const defaults = configure({});
      expect(defaults.errorCodes).to.deep.equal({
        authentication: 'AUTHENTICATION_REQUIRED',
        permission: 'PERMISSION_DENIED',
        timeout: 'CHECK_TIMEOUT',
      });
      expect(defaults.challenge).to.equal('Session');
      expect(defaults.checkTimeout).to.equal(10_000);
      expect(defaults.isAuthenticated).to.equal(defaultIsAuthenticated);
      expect(defaults.hasPermission).to.equal(defaultHasPermission);
      expect(defaults.render).to.equal(defaultRender);
      const [first, second] = [{ url: '/first' }, { url: '/second' }];
      expect(defaults.getRequest([first, second])).to.equal(first);
    });

    it('tell the time with Date.now, so sinon fake timers pin it', () => {
      const timers = sinon.useFakeTimers({ now: PINNED_NOW_MS });
      try {
        expect(configure({}).clock()).to.equal(PINNED_NOW_MS);
        expect(refusal().body.timestamp).to.equal('1764000000');
      } finally {
        timers.restore();
      }
    });

    it('are frozen', () => {
      const defaults = configure({});
      expect(Object.isFrozen(defaults)).to.equal(true);
      expect(Object.isFrozen(defaults.errorCodes)).to.equal(true);
    });
  });

  describe('with a new value', () => {
    it('applies it to guards created before the call (settings are read per call)', () => {
      configure({ errorCodes: { authentication: 'E_AUTH' }, challenge: 'Bearer realm="api"', clock: () => 42_000 });
      const res = refusal();
      expect(res.body).to.include({ errorcode: 'E_AUTH', timestamp: '42' });
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="api"');
    });

    it('returns the settings in force before it', () => {
      configure({ challenge: 'Cookie' });
      expect(configure({ challenge: 'Token' }).challenge).to.equal('Cookie');
    });

    it('keeps what it is not given', () => {
      configure({ challenge: 'Cookie' });
      configure({ clock: () => 0 });
      expect(refusal().headers['www-authenticate']).to.equal('Cookie');
    });

    it('takes undefined as not given', () => {
      configure({ challenge: 'Cookie' });
      configure({ challenge: undefined });
      expect(refusal().headers['www-authenticate']).to.equal('Cookie');
    });
  });

  describe('with a partial errorCodes', () => {
    it('merges it into the codes in force', () => {
      configure({ errorCodes: { permission: 'E_PERM' } });
      const settings = configure({ errorCodes: { authentication: 'E_AUTH' } });
      expect(settings.errorCodes).to.deep.equal({
        authentication: 'AUTHENTICATION_REQUIRED',
        permission: 'E_PERM',
        timeout: 'CHECK_TIMEOUT',
      });
      expect(configure({}).errorCodes).to.deep.equal({
        authentication: 'E_AUTH',
        permission: 'E_PERM',
        timeout: 'CHECK_TIMEOUT',
      });
    });
  });

  describe('given back the settings it returned', () => {
    it('restores them', () => {
      const previous = configure({ challenge: 'Cookie', errorCodes: { authentication: 'E_AUTH' }, clock: () => 1_000 });
      configure(previous);
      const res = refusal();
      expect(res.headers['www-authenticate']).to.equal('Session');
      expect(res.body.errorcode).to.equal('AUTHENTICATION_REQUIRED');
    });
  });

  describe('with an app-wide check and renderer', () => {
    it('uses the check for every guard without its own', () => {
      configure({ isAuthenticated: (req: { apiKey?: string }) => req.apiKey === 'k' });
      expect(guarded({ apiKey: 'k' })).to.equal('data');
      expect(guarded({ user: { id: 1 } })).to.have.property('status', 401);
    });

    it('uses the renderer for every guard without its own', () => {
      configure({ render: (denial) => jsonResponse({ error: denial.errorcode }, { status: denial.status }) });
      expect(refusal().body).to.deep.equal({ error: 'AUTHENTICATION_REQUIRED' });
    });
  });

  describe('with an invalid value', () => {
    const invalid: Record<string, [unknown, RegExp]> = {
      'a settings value that is not an object': [null, /configure: settings must be an object, got null/],
      'an unknown setting (a typo)': [{ challange: 'Session' }, /configure: unknown setting "challange"; expected one of/],
      'a symbol key': [{ [Symbol('x')]: 1 }, /configure: unknown setting/],
      'errorCodes that is not an object': [{ errorCodes: 'E' }, /settings\.errorCodes must be an object, got "E"/],
      'an unknown error code': [{ errorCodes: { login: 'E' } }, /settings\.errorCodes: unknown setting "login"/],
      'an error code that is not a string': [
        { errorCodes: { authentication: 401 } },
        /settings\.errorCodes\.authentication must be a string/,
      ],
      'a clock that is not a function': [{ clock: 1_764_000_000 }, /settings\.clock must be a function, got 1764000000/],
      'an isAuthenticated that is not a function': [{ isAuthenticated: true }, /settings\.isAuthenticated must be a function/],
      'a hasPermission that is not a function': [{ hasPermission: 'yes' }, /settings\.hasPermission must be a function/],
      'a render that is not a function': [{ render: {} }, /settings\.render must be a function/],
      'a challenge that is not a string': [{ challenge: 1 }, /settings\.challenge must be a string/],
      'a challenge with CR and LF': [{ challenge: 'Session\r\nSet-Cookie: a=b' }, /settings\.challenge .*no CR, LF/],
      'a challenge with a lone LF': [{ challenge: 'Session\nx' }, /settings\.challenge/],
      'a challenge with a NUL': [{ challenge: 'Session\0' }, /settings\.challenge/],
      'a challenge with a non-ASCII character': [{ challenge: 'Session realm="café"' }, /settings\.challenge/],
      'an empty challenge': [{ challenge: '' }, /settings\.challenge must start with an authentication scheme/],
      'a challenge given as a function': [{ challenge: () => 'Session' }, /settings\.challenge .*got a function$/],
      'a challenge that cannot even be printed': [
        { challenge: Object.create(null) },
        /settings\.challenge .*got \[object Object\]/,
      ],
      'a challenge too long to quote whole': [{ challenge: `Session ${'x'.repeat(80)}\n` }, /got "Session x+\.\.\.$/],
      'a challenge that does not start with a scheme': [{ challenge: '"quoted"' }, /settings\.challenge must start with/],
    };
    for (const [what, [input, message]] of Object.entries(invalid)) {
      it(`throws a TypeError naming the setting for ${what}`, () => {
        expect(() => configure(input as SettingsInput)).to.throw(TypeError, message);
      });
    }

    it('changes nothing, not even the valid settings given beside it', () => {
      expect(() => configure({ errorCodes: { authentication: 'E_AUTH' }, challenge: 'Session\r\n' })).to.throw(TypeError);
      const res = refusal();
      expect(res.body.errorcode).to.equal('AUTHENTICATION_REQUIRED');
      expect(res.headers['www-authenticate']).to.equal('Session');
    });
  });

  describe('when Object.prototype is polluted', () => {
    it('takes no setting from it', () => {
      whilePolluted({ challenge: 'Basic', isAuthenticated: () => true }, () => configure({}));
      expect(refusal().headers['www-authenticate']).to.equal('Session');
    });
  });
});

describe(inMode('resetSettings()'), () => {
  it('restores every default', () => {
    configure({
      errorCodes: { authentication: 'E_AUTH', permission: 'E_PERM' },
      challenge: 'Cookie',
      isAuthenticated: () => true,
      render: () => jsonResponse({}, { status: 400 }),
    });
    resetSettings();
    const res = refusal();
    expect(res.status).to.equal(401);
    expect(res.body.errorcode).to.equal('AUTHENTICATION_REQUIRED');
    expect(res.headers['www-authenticate']).to.equal('Session');
    expect(configure({}).errorCodes.permission).to.equal('PERMISSION_DENIED');
  });
});
