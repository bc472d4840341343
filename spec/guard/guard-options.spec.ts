import { type JsonResponse, jsonResponse, type LoginRequiredAjaxOptions, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { whilePolluted } from '../support/pollution.js';
import { anonymousRequest } from '../support/requests.js';

const create = (options: unknown) => () => loginRequiredAjax(options as LoginRequiredAjaxOptions);

describe(inMode('the options of loginRequiredAjax(options)'), () => {
  describe('when they are invalid', () => {
    const invalid: Record<string, [unknown, RegExp]> = {
      'options that are not an object': ['Please sign in', /loginRequiredAjax: options must be an object, got "Please sign in"/],
      'null options': [null, /loginRequiredAjax: options must be an object, got null/],
      'an unknown option (a typo)': [{ mesage: 'x' }, /loginRequiredAjax: unknown setting "mesage"; expected one of message, /],
      'a symbol key': [{ [Symbol('x')]: 1 }, /loginRequiredAjax: unknown setting/],
      'a message that is not a string': [{ message: 401 }, /loginRequiredAjax: options\.message must be a string, got 401/],
      'an errorcode that is not a string': [{ errorcode: false }, /options\.errorcode must be a string/],
      'an isAuthenticated that is not a function': [{ isAuthenticated: true }, /options\.isAuthenticated must be a function/],
      'a render that is not a function': [{ render: 'json' }, /options\.render must be a function/],
      'a challenge that is not a string': [{ challenge: 1 }, /options\.challenge must be a string/],
      'a challenge with CR and LF': [{ challenge: 'Session\r\nSet-Cookie: a=b' }, /options\.challenge .*no CR, LF/],
      'a challenge with a lone CR': [{ challenge: 'Session\r' }, /options\.challenge/],
      'a challenge with a control character': [{ challenge: 'Session\x1b' }, /options\.challenge/],
      'a challenge with no scheme': [{ challenge: ' realm="x"' }, /options\.challenge must start with an authentication scheme/],
    };
    for (const [what, [options, message]] of Object.entries(invalid)) {
      it(`throws a TypeError naming the option when the decorator is created, for ${what}`, () => {
        expect(create(options)).to.throw(TypeError, message);
      });
    }
  });

  describe('when they are valid', () => {
    it('accepts none, undefined, an empty object and every option at once', () => {
      expect(create(undefined)).not.to.throw();
      expect(create({})).not.to.throw();
      const all = {
        message: 'm',
        errorcode: 'E',
        challenge: 'Bearer realm="a", charset="UTF-8"',
        isAuthenticated: () => true,
        render: () => jsonResponse({}, { status: 401 }),
      };
      expect(create(all)).not.to.throw();
    });
  });

  describe('when they are a class instance', () => {
    it('reads an option from the class prototype', () => {
      class Options {
        get message(): string {
          return 'From the class';
        }
      }
      const guarded = loginRequiredAjax(new Options())((_req: object) => 'data');
      expect((guarded(anonymousRequest()) as JsonResponse).body).to.include({ message: 'From the class' });
    });
  });

  describe('when they inherit from a plain object', () => {
    it('ignores what they inherit', () => {
      const options = Object.create({ isAuthenticated: () => true, message: 'Inherited' }) as { message?: string };
      const res = loginRequiredAjax(options)((_req: object) => 'data')(anonymousRequest()) as JsonResponse;
      expect(res.status).to.equal(401);
      expect(res.body).to.include({ message: 'Unknown authentication scheme' });
    });
  });

  describe('when Object.prototype.isAuthenticated is polluted', () => {
    it('is not taken as an option when the decorator is created', () => {
      const guarded = whilePolluted({ isAuthenticated: () => true }, () => loginRequiredAjax({})((_req: object) => 'data'));
      expect(guarded(anonymousRequest())).to.have.property('status', 401);
    });

    it('is not taken as an option when a guarded call runs', () => {
      const guarded = loginRequiredAjax()((_req: object) => 'data');
      expect(whilePolluted({ isAuthenticated: () => true }, () => guarded(anonymousRequest()))).to.have.property('status', 401);
    });

    it('does not replace the message, challenge or render of a guard that has none', () => {
      const guarded = loginRequiredAjax()((_req: object) => 'data');
      const polluted = {
        message: 'Polluted',
        challenge: 'Basic',
        render: () => jsonResponse({ polluted: true }, { status: 401 }),
      };
      const res = whilePolluted(polluted, () => guarded(anonymousRequest())) as JsonResponse;
      expect(res.body).to.include({ message: 'Unknown authentication scheme' });
      expect(res.headers['www-authenticate']).to.equal('Session');
    });

    it('is not taken as the guard’s check, so an anonymous caller is still refused', () => {
      const guarded = loginRequiredAjax()((_req: object) => 'data');
      const res = whilePolluted({ isAuthenticated: () => true }, () => guarded(anonymousRequest())) as JsonResponse;
      expect(res.status).to.equal(401);
    });
  });

  describe('after the decorator is created', () => {
    it('are not changed by changing the object they came from', () => {
      const options: { message: string } = { message: 'Before' };
      const guarded = loginRequiredAjax(options)((_req: object) => 'data');
      options.message = 'After';
      expect((guarded(anonymousRequest()) as JsonResponse).body).to.include({ message: 'Before' });
    });
  });
});
