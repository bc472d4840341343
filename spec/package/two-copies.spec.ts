import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';

// Compiled into build/spec-legacy/package: the repository is three levels up.
const root = resolve(__dirname, '..', '..', '..');

function packTarball(into: string): string {
  const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return join(into, (JSON.parse(output) as { filename: string }[])[0]?.filename as string);
}

function extract(tarball: string, into: string): void {
  mkdirSync(into, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', into, '--strip-components=1']);
}

// A plugin that bundles its own copy of ajax-guard, nested under its own node_modules.
const PLUGIN = `
const guard = require('ajax-guard');
exports.copy = require.resolve('ajax-guard');
exports.adminData = guard.loginRequiredAjax()((req) => guard.jsonResponse({ users: ['alice', 'bob'] }));
exports.made = () => guard.jsonResponse({ from: 'plugin' });
exports.isJsonResponse = guard.isJsonResponse;
`;

// The app: its own copy at the top, the plugin beside it.
const APP = `
const guard = require('ajax-guard');
const { toResponse } = require('ajax-guard/fetch');
const plugin = require('plugin');
(async () => {
  const out = { distinct: plugin.copy !== require.resolve('ajax-guard') };
  out.appRecognisesPlugin = guard.isJsonResponse(plugin.made());
  out.pluginRecognisesApp = plugin.isJsonResponse(guard.jsonResponse({ from: 'app' }));
  const written = toResponse(plugin.made());
  out.written = { status: written.status, body: await written.text() };
  try { JSON.stringify(plugin.made()); out.stringified = true; } catch (error) { out.stringified = error.name; }
  guard.configure({ isAuthenticated: (req) => req.verified === true, errorCodes: { authentication: 'VERIFY_FIRST' } });
  const unverified = plugin.adminData({ user: { id: 1, name: 'alice' } });
  out.unverified = { status: unverified.status, body: unverified.body };
  out.verified = plugin.adminData({ verified: true }).body;
  console.log(JSON.stringify(out));
})();
`;

describe('two installed copies of the packed tarball in one process', function () {
  this.timeout(60_000);
  let base: string;
  let result: Record<string, any>;

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'ajax-guard-copies-'));
    const tarball = packTarball(base);
    const app = join(base, 'app');
    extract(tarball, join(app, 'node_modules', 'ajax-guard'));
    extract(tarball, join(app, 'node_modules', 'plugin', 'node_modules', 'ajax-guard'));
    symlinkSync(join(root, 'node_modules', 'reflect-metadata'), join(app, 'node_modules', 'reflect-metadata'));
    writeFileSync(join(app, 'node_modules', 'plugin', 'package.json'), JSON.stringify({ name: 'plugin', main: 'index.js' }));
    writeFileSync(join(app, 'node_modules', 'plugin', 'index.js'), PLUGIN);
    writeFileSync(join(app, 'main.js'), APP);
    const output = execFileSync(process.execPath, ['main.js'], { cwd: app, encoding: 'utf8', timeout: 20_000 });
    result = JSON.parse(output) as Record<string, any>;
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('are two copies, loaded from two places', () => {
    expect(result.distinct).to.equal(true);
  });

  it("recognise each other's responses", () => {
    expect(result.appRecognisesPlugin).to.equal(true);
    expect(result.pluginRecognisesApp).to.equal(true);
  });

  it("write each other's responses through an adapter, and refuse JSON.stringify on them", () => {
    expect(result.written).to.deep.equal({ status: 200, body: '{"from":"plugin"}' });
    expect(result.stringified).to.equal('TypeError');
  });

  it("share one set of settings: configure() in the app reaches the plugin's guards", () => {
    expect(result.unverified.status).to.equal(401);
    expect(result.unverified.body).to.include({ errorcode: 'VERIFY_FIRST' });
    expect(result.verified).to.deep.equal({ users: ['alice', 'bob'] });
  });
});
