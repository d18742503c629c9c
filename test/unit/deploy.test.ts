/**
 * npm run deploy on a fresh clone: no .clasp.json is committed (clasp create refuses to run over one), and deploy
 * says how to create the project instead of pushing to a placeholder; a .clasp.json that would push anything but
 * dist/ is refused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function deployIn(clasp?: unknown): { status: number | null; stderr: string } {
  const root = mkdtempSync(join(tmpdir(), 'deploy-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'deploy.mjs'), join(root, 'scripts', 'deploy.mjs'));
  if (clasp !== undefined) writeFileSync(join(root, '.clasp.json'), JSON.stringify(clasp));
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'deploy.mjs')], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

it('commits no .clasp.json and ignores the per-deployment files', () => {
  const tracked = execFileSync('git', ['ls-files', '.clasp.json', 'addon.config.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(tracked).toBe('');
  const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['.clasp.json', 'addon.config.json']));
});

it('without a project, says how to create one (bound, in an existing spreadsheet, or standalone) and pushes nothing', () => {
  const { status, stderr } = deployIn();
  expect(status).toBe(1);
  expect(stderr).toContain('npx clasp create --type sheets --title "WeChat Analytics" --rootDir dist');
  expect(stderr).toContain('npx clasp create --parentId <spreadsheet ID>');
  expect(stderr).toContain('npx clasp create --type standalone');
});

it('refuses a placeholder script ID, and a project that would push anything but dist/', () => {
  expect(deployIn({ scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'dist' }).stderr).toMatch(/no scriptId/);
  const wrongRoot = deployIn({ scriptId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', rootDir: '.' });
  expect(wrongRoot).toEqual({ status: 1, stderr: expect.stringContaining('"rootDir": "dist"') });
});
