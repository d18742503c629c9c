/**
 * The Chromium the browser tests drive: Debian's /usr/bin/chromium when it is installed, otherwise the headless
 * Chromium that the npm package @sparticuz/chromium ships, so that `npm ci && npm test` needs nothing but Node.
 * WECHAT_TEST_CHROMIUM=system or =npm forces one of them.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const NPM_PACKAGE = '@sparticuz/chromium';

export interface ChromiumChoice {
  executablePath: string;
  /** Where it came from, for the line the harness prints. */
  source: string;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The package keeps Chromium brotli-compressed and decompresses it into os.tmpdir(). Here that is a folder of
 * our own per package version under .build/, filled in a staging folder and renamed into place, so that two
 * test workers starting at once never run a half-written binary.
 */
function npmChromium(root: string): ChromiumChoice {
  const packageDir = dirname(dirname(dirname(require.resolve(NPM_PACKAGE, { paths: [root] }))));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const target = join(root, '.build', `chromium-${version}`);
  const executablePath = join(target, 'chromium');
  if (!existsSync(executablePath)) {
    process.stderr.write(
      `browser tests: decompressing the Chromium of ${NPM_PACKAGE} ${version} into ${target} (once)…\n`,
    );
    const staging = `${target}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(NPM_PACKAGE)}).executablePath()`], {
      cwd: root,
      env: { ...process.env, TMPDIR: staging },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another worker got there first.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw error;
    }
  }
  return { executablePath, source: `${NPM_PACKAGE} ${version}` };
}

export function chooseChromium(root: string, wanted = process.env.WECHAT_TEST_CHROMIUM): ChromiumChoice {
  if (wanted !== undefined && wanted !== '' && wanted !== 'system' && wanted !== 'npm') {
    throw new Error(
      `WECHAT_TEST_CHROMIUM is "${wanted}": use "system" (${SYSTEM_CHROMIUM}), "npm" (${NPM_PACKAGE}) or leave it unset`,
    );
  }
  if (wanted === 'npm') return npmChromium(root);
  if (wanted === 'system' || isExecutableFile(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, source: 'Debian chromium' };
  }
  return npmChromium(root);
}
