// npm run deploy: builds dist/ (with addon.config.json's relay URLs) and pushes it to the Apps Script project in
// .clasp.json. Without .clasp.json it says how to create the project (clasp create refuses to run over one).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const claspFile = join(root, '.clasp.json');

function fail(message) {
  console.error(`deploy: ${message}`);
  process.exit(1);
}

if (!existsSync(claspFile)) {
  fail(`there is no Apps Script project yet (.clasp.json). Create one once, then run npm run deploy again:
  bound to a new spreadsheet:       npx clasp create --type sheets --title "WeChat Analytics" --rootDir dist
  bound to a spreadsheet you have:  npx clasp create --parentId <spreadsheet ID> --title "WeChat Analytics" --rootDir dist
  for a test deployment of the add-on: npx clasp create --type standalone --title "WeChat Analytics" --rootDir dist
(docs/getting-started.md, step 4)`);
}
let clasp;
try {
  clasp = JSON.parse(readFileSync(claspFile, 'utf8'));
} catch (error) {
  fail(`.clasp.json is not valid JSON (${error.message}).`);
}
if (typeof clasp.scriptId !== 'string' || !/^[\w-]{20,}$/.test(clasp.scriptId) || /REPLACE/i.test(clasp.scriptId)) {
  fail('.clasp.json has no scriptId: delete it and create the project again (npx clasp create …, see above).');
}
if (resolve(root, clasp.rootDir ?? '.') !== join(root, 'dist')) {
  fail(
    `.clasp.json must say "rootDir": "dist" (it says ${JSON.stringify(clasp.rootDir ?? '.')}): clasp pushes that folder.`,
  );
}

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
// --force: the manifest in dist/ (with the relay URLs) replaces the project's.
run(process.execPath, [join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js'), 'push', '--force']);
