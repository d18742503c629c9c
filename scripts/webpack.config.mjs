// dist/Code.js: webpack bundles src/ (esbuild-loader transforms the TypeScript, EsbuildPlugin minifies), and
// gas-webpack-plugin declares a top-level function, with its JSDoc, for each `global.<name> = …` of src/main.ts.
// Apps Script calls only top-level functions; each stub is replaced by the real function when the bundle runs.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const webpack = require('webpack');
const GasPlugin = require('gas-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

/** Apps Script's V8 runtime. */
const TARGET = 'es2020';

/** @returns {import('webpack').Configuration} */
export function serverConfig(root) {
  return {
    mode: 'production',
    context: root,
    entry: './src/main.ts',
    // No browser, no Node: webpack's runtime must assume neither (no document, require or chunk loading).
    target: [TARGET],
    devtool: false,
    output: {
      path: join(root, 'dist'),
      filename: 'Code.js',
      iife: true,
      chunkFormat: false,
      chunkLoading: false,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { loader: 'ts', target: TARGET } }],
    },
    // `global` in src/main.ts is the script's global object (Apps Script has no `global`).
    node: { global: true },
    plugins: [
      // Only src/main.ts assigns entry points; scanning every module would only cost time.
      new GasPlugin({ comment: true, include: ['src/main.ts'] }),
      // A /*! comment: esbuild keeps it.
      new webpack.BannerPlugin({
        banner: 'WeChat Analytics for Google Sheets: built file, do not edit (source: src/).',
      }),
    ],
    optimization: {
      minimize: true,
      // legalComments 'inline' keeps the @preserve JSDoc of the entry points; esbuild drops every other comment.
      minimizer: [new EsbuildPlugin({ target: TARGET, legalComments: 'inline', charset: 'utf8' })],
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
  };
}
