import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { installPacked, packTarball, repositoryRoot as root } from '../support/packed-tarball.js';
import { run } from '../support/run-command.js';

const fixture = join(root, 'spec', 'fixtures', 'consumer', 'app.ts');

const COMPILERS = {
  'TypeScript 5.9': join(root, 'node_modules', 'typescript-5.9', 'bin', 'tsc'),
  'TypeScript 7': join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
} as const;

const DECORATORS = { legacy: { experimentalDecorators: true, emitDecoratorMetadata: true }, tc39: {} } as const;

const SETUPS = {
  'ESM under nodenext': { type: 'module', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } },
  'CommonJS under nodenext': { type: 'commonjs', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } },
  'a bundler': { type: 'module', compilerOptions: { module: 'preserve', moduleResolution: 'bundler' } },
} as const;

const DEFAULT_401 =
  '{"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}';
const HEADERS_401 = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'www-authenticate': 'Session',
};
const JSON_ONLY = { 'content-type': 'application/json; charset=utf-8' };

// A consumer project with the tarball installed as npm would lay it out; its
// one dependency is linked from this repository, so the spec needs no network.
function consumerProject(base: string, tarball: string, type: string, compilerOptions: object): string {
  const dir = mkdtempSync(join(base, 'consumer-'));
  installPacked(dir, tarball, ['reflect-metadata']);
  cpSync(fixture, join(dir, 'app.ts'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }));
  const options = {
    target: 'es2022',
    lib: ['es2022', 'esnext.decorators'],
    types: [],
    strict: true,
    outDir: 'out',
    ...compilerOptions,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['app.ts'] }));
  return dir;
}

describe('the packed tarball in a consumer project', function () {
  this.timeout(120_000);
  let base: string;
  let tarball: string;

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'ajax-guard-consumer-'));
    tarball = packTarball(base);
  });

  after(() => rmSync(base, { recursive: true, force: true }));

  it('ships only the build, the README and package.json', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const outside = listing.filter((path) => !/^package\/(dist\/|README\.md$|package\.json$)/.test(path));
    expect(outside).to.deep.equal([]);
    expect(listing).to.include.members(['package/dist/index.js', 'package/dist/esm/index.mjs', 'package/dist/index.d.ts']);
  });

  for (const [compiler, tsc] of Object.entries(COMPILERS)) {
    for (const [mode, decoratorOptions] of Object.entries(DECORATORS)) {
      for (const [setup, { type, compilerOptions }] of Object.entries(SETUPS)) {
        describe(`compiled by ${compiler} with ${mode} decorators for ${setup}`, () => {
          let report: Record<string, any>;

          before(() => {
            const dir = consumerProject(base, tarball, type, { ...compilerOptions, ...decoratorOptions });
            run(process.execPath, [tsc, '-p', dir], dir);
            writeFileSync(join(dir, 'out', 'package.json'), JSON.stringify({ type }));
            report = JSON.parse(run(process.execPath, [join(dir, 'out', 'app.js')], dir));
            expect(readFileSync(join(dir, 'out', 'app.js'), 'utf8')).to.match(
              type === 'module' ? /from 'ajax-guard'|from "ajax-guard"/ : /require\("ajax-guard"\)/,
            );
          });

          it('refuses an anonymous call synchronously with the default error body and headers', () => {
            expect(report.listAnonymous).to.deep.equal({
              promise: false,
              made: true,
              status: 401,
              headers: HEADERS_401,
              body: DEFAULT_401,
            });
          });

          it('runs the handler for a user, synchronously', () => {
            expect(report.listUser).to.deep.equal({
              promise: false,
              made: true,
              status: 200,
              headers: JSON_ONLY,
              body: '{"items":[1,2]}',
            });
          });

          it('answers through a Promise when the check is async', () => {
            expect(report.loadAnonymous).to.deep.equal({
              promise: true,
              made: true,
              status: 401,
              headers: HEADERS_401,
              body: DEFAULT_401,
            });
            expect(report.loadUser).to.deep.include({ promise: true, status: 200, body: '{"loaded":true}' });
          });

          it('renders RFC 9457 problem details when asked', () => {
            expect(report.problem.headers).to.deep.equal({
              ...HEADERS_401,
              'content-type': 'application/problem+json; charset=utf-8',
            });
            expect(JSON.parse(report.problem.body)).to.deep.equal({
              type: 'about:blank',
              title: 'Unauthorized',
              status: 401,
              detail: 'Unknown authentication scheme',
              errorcode: 'AUTHENTICATION_REQUIRED',
              timestamp: '1764000000',
            });
          });

          it('guards a class but its allowAnonymous method, and the plain function form', () => {
            expect(report.accountAnonymous.status).to.equal(401);
            expect(report.ping).to.deep.include({ status: 200, body: '{"pong":true}' });
            expect(report.plain.status).to.equal(401);
          });

          it('records the rules for introspection', () => {
            expect(report.rules).to.deep.equal([[{ kind: 'login' }], [{ kind: 'login' }], [{ kind: 'anonymous' }]]);
            expect(report.adminRules).to.deep.equal([{ kind: 'login' }, { kind: 'permission', perms: ['items.delete'] }]);
          });

          it('answers 403 for a missing permission and runs the handler for a granted one', () => {
            expect(report.forbidden).to.deep.include({ status: 403, promise: false });
            expect(JSON.parse(report.forbidden.body)).to.include({
              status: '403',
              message: 'Permission denied',
              errorcode: 'PERMISSION_DENIED',
            });
            expect(report.permitted).to.deep.include({ status: 200, body: '{"removed":true}' });
          });

          it('redirects a browser navigation to the login page with next', () => {
            expect(report.redirect.status).to.equal(302);
            expect(report.redirect.headers).to.include({
              location: '/login?next=%2Faccount%3Ftab%3D1',
              vary: 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request',
            });
          });

          it("compiles and runs the original snippet's MyView, and finds no unguarded handler on it", () => {
            expect(report.viewAnonymous).to.deep.include({ status: 401, body: DEFAULT_401 });
            expect(report.viewUser).to.deep.include({ status: 200, body: '{"mine":true}' });
            expect(report.unguardedViews).to.deep.equal([]);
          });
        });
      }
    }
  }
});
