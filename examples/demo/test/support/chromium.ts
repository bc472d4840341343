import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: the browser tests use it, and never download one. */
export const CHROMIUM = '/usr/bin/chromium';

// Playwright adds --headless, --no-sandbox and a new, empty --user-data-dir
// itself. These keep Chromium from reaching for the network at start (this
// machine's network is closed) and from its first-run chores.
const FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium from `/usr/bin/chromium`, or fails at once,
 * saying how to install it, when it is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\`.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 30_000 });
}
