import { configure, resetSettings } from 'ajax-guard';
import sinon from 'sinon';

/** The instant every pinned test runs at, in milliseconds: the seed's timestamp plus a fraction. */
export const SEED_NOW_MS = 1_764_000_000_987;

/** The seed's 401 body at `SEED_NOW_MS`, field for field and in order, as DESIGN.md quotes it. */
export const SEED_BODY_JSON =
  '{"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}';

/** Pins the settings' clock at `SEED_NOW_MS`; pair it with `resetSettings()` in afterEach. */
export function pinClock(): void {
  configure({ clock: () => SEED_NOW_MS });
}

/**
 * Fake timers and Date, starting at `SEED_NOW_MS`, for each test of the
 * enclosing describe; after each, the real ones and the default settings
 * come back. Returns the current test's clock.
 */
export function fakeClockPerTest(): () => sinon.SinonFakeTimers {
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: SEED_NOW_MS });
  });
  afterEach(() => {
    clock?.restore();
    resetSettings();
  });
  return () => clock as sinon.SinonFakeTimers;
}
