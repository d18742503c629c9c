// Builds dist/ (what clasp pushes: Code.js, sidebar.html, appsscript.json) and .build/ (the local tools).
// Code.js is webpack's (gas-webpack-plugin writes its top-level functions); the rest is plain esbuild.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import webpack from 'webpack';
import { entryPointNames } from './entry-points.mjs';
import { applyDeployConfig } from './manifest.mjs';
import { serverConfig } from './webpack.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);

/** dist/Code.js with webpack (scripts/webpack.config.mjs), and dist/entrypoints.json: the names it declares. */
async function buildServer() {
  const names = entryPointNames(at('src/main.ts'));
  const stats = await new Promise((resolve, reject) => {
    const compiler = webpack(serverConfig(root));
    compiler.run((error, result) => {
      compiler.close(() => (error ? reject(error) : resolve(result)));
    });
  });
  if (stats.hasErrors() || stats.hasWarnings()) {
    const problems = stats.toString({ all: false, errors: true, warnings: true, moduleTrace: true });
    if (stats.hasErrors()) throw new Error(`webpack could not build dist/Code.js:\n${problems}`);
    console.warn(problems);
  }
  writeFileSync(at('dist/entrypoints.json'), `${JSON.stringify([...names].sort(), null, 2)}\n`);
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
console.log('building dist/ (Code.js with webpack, sidebar.html with esbuild) and the local tools in .build/ …');
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
