// Builds dist/ (what clasp pushes: Code.js, sidebar.html, appsscript.json) and .build/ (the local tools).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { applyDeployConfig } from './manifest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);
const GLOBAL_NAME = 'WeChatAnalytics';

/** Names exported by src/main.ts: read from an ESM pass (the IIFE metafile lists no exports). */
async function entryPointNames() {
  const result = await esbuild.build({
    entryPoints: [at('src/main.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'entry.js',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return [...output.exports].sort();
}

async function buildServer() {
  const names = await entryPointNames();
  const result = await esbuild.build({
    entryPoints: [at('src/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: 'es2020',
    platform: 'neutral',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
  });
  // Apps Script only sees top-level function declarations: one delegating wrapper per entry point.
  const wrappers = names.map((name) => `function ${name}(...args) {\n  return ${GLOBAL_NAME}.${name}(...args);\n}`);
  const code = [
    '// WeChat Analytics for Google Sheets: built file, do not edit (source: src/).',
    result.outputFiles[0].text.trimEnd(),
    '',
    ...wrappers,
    '',
  ].join('\n');
  writeFileSync(at('dist/Code.js'), code);
  writeFileSync(at('dist/entrypoints.json'), `${JSON.stringify(names, null, 2)}\n`);
  return names;
}

async function buildSidebar() {
  const script = await esbuild.build({
    entryPoints: [at('sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    minify: true,
    write: false,
    charset: 'utf8',
    legalComments: 'none',
  });
  const style = await esbuild.build({
    entryPoints: [at('sidebar/style.css')],
    bundle: true,
    minify: true,
    write: false,
    charset: 'utf8',
  });
  const js = script.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = style.outputFiles[0].text.replace(/<\/style/gi, '<\\/style');
  const template = readFileSync(at('sidebar/index.html'), 'utf8');
  const html = template.replace('/*INLINE_CSS*/', () => css).replace('/*INLINE_JS*/', () => js);
  writeFileSync(at('dist/sidebar.html'), html);
}

/** Local tools: the simulator, the UrlFetch worker, the playground, the relay, the benchmark. */
async function buildTools() {
  const tools = [
    ['dev/simulator/cli.ts', '.build/dev/simulator.js'],
    ['dev/gas/urlfetch-worker.ts', '.build/dev/urlfetch-worker.js'],
    ['dev/playground/server.ts', '.build/dev/playground.js'],
    ['dev/bench/bench.ts', '.build/dev/bench.js'],
    ['relay/server.ts', '.build/relay/server.js'],
  ].filter(([entry]) => existsSync(at(entry)));
  await Promise.all(
    tools.map(([entry, outfile]) =>
      esbuild.build({
        entryPoints: [at(entry)],
        outfile: at(outfile),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: 'inline',
        logLevel: 'warning',
      }),
    ),
  );
}

mkdirSync(at('dist'), { recursive: true });
mkdirSync(at('.build/dev'), { recursive: true });
const started = Date.now();
const [names] = await Promise.all([buildServer(), buildSidebar(), buildTools()]);
let deployment;
try {
  // addon.config.json (or ADDON_CONFIG, e.g. the tests' config): relay URLs into the manifest and the bundle.
  deployment = applyDeployConfig(root, process.env.ADDON_CONFIG);
} catch (error) {
  console.error(`build: ${error.message}`);
  process.exit(1);
}
const size = (file) => readFileSync(at(file)).length;
console.log(
  `built dist/Code.js (${size('dist/Code.js')} bytes, ${names.length} entry points), dist/sidebar.html (${size('dist/sidebar.html')} bytes) in ${Date.now() - started} ms`,
);
console.log(`relay URLs allowed (${deployment.file}): ${deployment.relayUrls.join(', ') || 'none'}`);
