// Jest global setup: every test runs against a fresh dist/ and .build/, deployed with the tests' relay allowlist
// (test/support/addon.config.test.json, not the developer's own addon.config.json).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], {
    stdio: 'inherit',
    env: { ...process.env, ADDON_CONFIG: 'test/support/addon.config.test.json' },
  });
};
