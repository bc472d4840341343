import { configure } from 'ajax-guard';

/** The instant every pinned test runs at, in milliseconds: a whole second (1764000000) plus a fraction. */
export const PINNED_NOW_MS = 1_764_000_000_987;

/** The default 401 body at `PINNED_NOW_MS`, field for field and in order. */
export const DEFAULT_401_JSON =
  '{"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}';

/** Pins the settings' clock at `PINNED_NOW_MS`; the root hooks restore the settings after each test. */
export function pinClock(): void {
  configure({ clock: () => PINNED_NOW_MS });
}
