/** Help: what the add-on does, in three steps, and the facts users trip over (dates, whitelist, secrets). */
import { h } from '../dom';
import type { App } from '../state';

export function renderHelp(app: App): HTMLElement {
  const { t } = app;
  return h(
    'div',
    { class: 'help' },
    h('h1', null, t('helpTitle')),
    h('p', null, t('helpIntro')),
    h(
      'ol',
      null,
      t('helpSteps')
        .split('|')
        .map((step) => h('li', null, step)),
    ),
    h('p', null, t('helpDates')),
    h('p', null, t('helpWhitelist')),
    h('p', null, t('helpSecrets')),
    h('p', { class: 'secondary' }, t('helpMore')),
  );
}
