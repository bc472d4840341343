import { resetSettings } from 'ajax-guard';
import sinon from 'sinon';

/**
 * Mocha's root hooks: after every test, the default settings and no sinon
 * fakes, so that no spec leaks a `configure` or a fake clock into the next.
 */
export const mochaHooks = {
  afterEach(): void {
    sinon.restore();
    resetSettings();
  },
};
