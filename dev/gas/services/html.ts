import type { Env } from '../env';
import { GasError } from '../errors';
import { blobBytes } from '../utilities/blob';
import { decodeText } from '../utilities/bytes';

/** HtmlService: HtmlOutput from strings or from the `files` option. */

export interface HtmlOutputState {
  content: string;
  title: string;
  width: number;
  height: number;
}

export interface HtmlOutputApi {
  getContent(): string;
  setContent(content: string): HtmlOutputApi;
  append(content: string): HtmlOutputApi;
  clear(): HtmlOutputApi;
  getTitle(): string;
  setTitle(title: string): HtmlOutputApi;
  getWidth(): number;
  setWidth(width: number): HtmlOutputApi;
  getHeight(): number;
  setHeight(height: number): HtmlOutputApi;
  setSandboxMode(mode: unknown): HtmlOutputApi;
  setXFrameOptionsMode(mode: unknown): HtmlOutputApi;
  setFaviconUrl(url: string): HtmlOutputApi;
  addMetaTag(name: string, content: string): HtmlOutputApi;
  getMetaTags(): Array<{ getName(): string; getContent(): string }>;
}

/** HtmlOutput facades → their state, for Ui.showSidebar and friends. */
export const htmlOutputs = new WeakMap<object, HtmlOutputState>();

const META_NAMES = new Set([
  'apple-mobile-web-app-capable',
  'google-site-verification',
  'mobile-web-app-capable',
  'viewport',
]);

function createHtmlOutput(env: Env, content: string): HtmlOutputApi {
  const state: HtmlOutputState = { content, title: '', width: 0, height: 0 };
  const metaTags: Array<{ name: string; content: string }> = [];
  const api: HtmlOutputApi = {
    getContent: () => state.content,
    setContent(value) {
      state.content = String(value);
      return api;
    },
    append(value) {
      state.content += String(value);
      return api;
    },
    clear() {
      state.content = '';
      return api;
    },
    getTitle: () => state.title,
    setTitle(title) {
      state.title = String(title);
      return api;
    },
    getWidth: () => state.width,
    setWidth(width) {
      state.width = Number(width);
      return api;
    },
    getHeight: () => state.height,
    setHeight(height) {
      state.height = Number(height);
      return api;
    },
    setSandboxMode: () => api,
    setXFrameOptionsMode: () => api,
    setFaviconUrl: () => api,
    addMetaTag(name, value) {
      if (!META_NAMES.has(String(name))) throw new GasError(`Invalid argument: name`);
      metaTags.push({ name: String(name), content: String(value) });
      return api;
    },
    getMetaTags: () =>
      env.realm.array(metaTags.map((tag) => ({ getName: () => tag.name, getContent: () => tag.content }))),
  };
  htmlOutputs.set(api, state);
  return env.wrap('HtmlOutput', api);
}

export function createHtmlService(env: Env) {
  const { enums, files } = env.state;
  return env.wrap('HtmlService', {
    SandboxMode: enums.SandboxMode,
    XFrameOptionsMode: enums.XFrameOptionsMode,
    createHtmlOutput(html?: unknown) {
      if (html === undefined) return createHtmlOutput(env, '');
      const bytes = typeof html === 'object' && html !== null ? blobBytes.get(html) : undefined;
      return createHtmlOutput(env, bytes ? decodeText(bytes()) : String(html));
    },
    createHtmlOutputFromFile(filename: string) {
      const name = String(filename);
      const content = files[name] ?? files[`${name}.html`];
      if (content === undefined) throw new GasError(`No HTML file named ${name} was found.`);
      return createHtmlOutput(env, content);
    },
  });
}
