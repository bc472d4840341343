import { configure } from 'ajax-guard';

/** The instant every pinned test runs at, in milliseconds: the seed's timestamp plus a fraction. */
export const SEED_NOW_MS = 1_764_000_000_987;

/** The seed's 401 body at `SEED_NOW_MS`, field for field and in order, as DESIGN.md quotes it. */
export const SEED_BODY_JSON =
  '{"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}';

/** Pins the settings' clock at `SEED_NOW_MS`; pair it with `resetSettings()` in afterEach. */
export function pinClock(): void {
  configure({ clock: () => SEED_NOW_MS });
}
