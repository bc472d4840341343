import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** What the page shows of the last call: its status line, and the JSON body it received. */
export interface ShownAnswer {
  readonly line: string;
  readonly body: Record<string, unknown>;
}

/**
 * The demo page as a person uses it: by the names its buttons, fields and
 * regions show, never by how the page is built.
 */
export class DemoPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** Opens the page and waits until it has asked the server who is signed in. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.locator('#framework').filter({ hasNotText: 'the demo server' }).waitFor();
  }

  /** "Signed in as ..." or "Not signed in". */
  who(): Locator {
    return this.page.getByRole('status');
  }

  loginForm(): Locator {
    return this.page.getByRole('region', { name: 'Log in' });
  }

  items(): Locator {
    return this.page.getByRole('list', { name: 'Items' }).getByRole('listitem');
  }

  /** Clicks `button` and returns what the page shows once `method path` has answered. */
  async call(button: Locator, method: string, path: RegExp): Promise<ShownAnswer> {
    const answered = this.page.waitForResponse(
      (response) => response.request().method() === method && path.test(new URL(response.url()).pathname),
    );
    await button.click();
    const response = await answered;
    return this.shownAnswer(`${method} ${new URL(response.url()).pathname} → ${response.status()}`);
  }

  /** Waits until the status line starts with `prefix`, then reads the line and the body. */
  async shownAnswer(prefix: string): Promise<ShownAnswer> {
    const line = this.page.locator('#response-line');
    await line.filter({ hasText: prefix }).waitFor();
    const body = (await this.page.locator('#response-body').textContent()) as string;
    return { line: (await line.textContent()) as string, body: JSON.parse(body) };
  }

  listItems(): Promise<ShownAnswer> {
    return this.call(this.page.getByRole('button', { name: 'List items' }), 'GET', /^\/api\/items$/);
  }

  deleteFirstItem(): Promise<ShownAnswer> {
    return this.call(this.page.getByRole('button', { name: /^Delete / }).first(), 'DELETE', /^\/api\/items\/\d+$/);
  }

  /** Fills the open login form and submits it. */
  async logIn(username: string, password: string): Promise<void> {
    const form = this.loginForm();
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Log in' }).click();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Log out' }).click();
    await this.who().filter({ hasText: 'Not signed in' }).waitFor();
  }

  /** Saves what the page shows now as a PNG. */
  async screenshot(path: string): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    await this.page.screenshot({ path, fullPage: true });
  }
}
