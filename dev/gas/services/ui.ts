import type { Env } from '../env';
import { signatureError } from '../errors';
import type { MenuItemRecord } from '../types';
import { htmlOutputs } from './html';

/** Ui: menus, sidebars, dialogs, alerts and prompts, all recorded in Emulation.ui. */

interface MenuApi {
  addItem(caption: string, functionName: string): MenuApi;
  addSeparator(): MenuApi;
  addSubMenu(menu: MenuApi): MenuApi;
  addToUi(): void;
}

const menuItems = new WeakMap<object, { caption: string; items: MenuItemRecord[] }>();

function createMenu(env: Env, caption: string, addon: boolean): MenuApi {
  const record = { caption, items: [] as MenuItemRecord[] };
  const api: MenuApi = {
    addItem(itemCaption, functionName) {
      if (typeof itemCaption !== 'string' || typeof functionName !== 'string') {
        throw signatureError('Menu.addItem', [itemCaption, functionName]);
      }
      record.items.push({ kind: 'item', caption: itemCaption, functionName });
      return api;
    },
    addSeparator() {
      record.items.push({ kind: 'separator' });
      return api;
    },
    addSubMenu(menu) {
      const sub = typeof menu === 'object' && menu !== null ? menuItems.get(menu) : undefined;
      if (!sub) throw signatureError('Menu.addSubMenu', [menu]);
      record.items.push({ kind: 'submenu', caption: sub.caption, items: structuredClone(sub.items) });
      return api;
    },
    addToUi() {
      env.state.ui.menus.push({ caption: record.caption, addon, items: structuredClone(record.items) });
    },
  };
  menuItems.set(api, record);
  return env.wrap('Menu', api);
}

function htmlOf(output: unknown, method: string) {
  const state = typeof output === 'object' && output !== null ? htmlOutputs.get(output) : undefined;
  if (!state) throw signatureError(method, [output]);
  return state;
}

/** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
function dialogArgs(args: readonly unknown[]): { title: string; prompt: string; buttons: string } {
  if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
  return { title: '', prompt: String(args[0] ?? ''), buttons: args[1] === undefined ? 'OK' : String(args[1]) };
}

export function createUi(env: Env) {
  const { enums, ui } = env.state;
  const answer = (buttons: string) => (buttons.startsWith('YES') ? enums.Button.YES : enums.Button.OK);
  return env.wrap('Ui', {
    Button: enums.Button,
    ButtonSet: enums.ButtonSet,
    createMenu: (caption: string) => createMenu(env, String(caption), false),
    createAddonMenu: () => createMenu(env, '', true),
    showSidebar(output: unknown) {
      const html = htmlOf(output, 'Ui.showSidebar');
      ui.sidebars.push({ title: html.title, html: html.content });
    },
    showModalDialog(output: unknown, title: string) {
      const html = htmlOf(output, 'Ui.showModalDialog');
      ui.dialogs.push({
        title: String(title),
        html: html.content,
        modal: true,
        width: html.width,
        height: html.height,
      });
    },
    showModelessDialog(output: unknown, title: string) {
      const html = htmlOf(output, 'Ui.showModelessDialog');
      ui.dialogs.push({
        title: String(title),
        html: html.content,
        modal: false,
        width: html.width,
        height: html.height,
      });
    },
    alert(...args: unknown[]) {
      const dialog = dialogArgs(args);
      ui.alerts.push(dialog);
      return answer(dialog.buttons);
    },
    prompt(...args: unknown[]) {
      const dialog = dialogArgs(args);
      ui.prompts.push(dialog);
      const button = answer(dialog.buttons);
      return env.wrap('PromptResponse', { getResponseText: () => '', getSelectedButton: () => button });
    },
  });
}
