import { resetSettings } from 'ajax-guard';
import sinon from 'sinon';

/**
 * Mocha's root hooks: after every test, the default settings and no sinon
 * fakes, so that no spec leaks a `configure` or a fake clock into the next;
 * and the defaults before the first test too, since a module definition
 * (NestJS's `AjaxGuardModule.forRoot()`) may configure while specs load.
 */
export const mochaHooks = {
  beforeAll(): void {
    resetSettings();
  },
  afterEach(): void {
    sinon.restore();
    resetSettings();
  },
};
