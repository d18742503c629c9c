/** The line under the dates: what they mean now (from the server), or why they cannot be fetched. */
import { h } from '../dom';
import { count } from '../i18n';
import { noticeText, problemText } from '../messages';
import type { App } from '../state';

/** "2026-11-14 → 2026-11-27 (Beijing), 14 days, 2 API calls", or why those dates cannot be fetched. */
export function previewLine(app: App): HTMLElement {
  const { t, state } = app;
  const preview = state.editor.preview;
  const content: Array<HTMLElement | string> = [];
  if (preview.phase === 'loading') content.push(h('span', { class: 'secondary' }, t('previewLoading')));
  if (preview.phase === 'ready') {
    const { start, end, days, calls } = preview.plan;
    const counts = {
      days: count(t, 'days', days, state.language),
      calls: count(t, 'apiCalls', calls, state.language),
    };
    content.push(h('strong', null, t(start === end ? 'previewLineOneDay' : 'previewLine', { start, end, ...counts })));
    for (const notice of preview.notices)
      content.push(h('div', { class: 'secondary' }, noticeText(notice, state.language)));
  }
  if (preview.phase === 'problems') {
    for (const problem of preview.problems) {
      content.push(h('div', { class: 'error' }, problemText(problem, 'dataSet', state.language, t)));
    }
  }
  return h('div', { class: 'preview', id: 'ds-preview', role: 'status', 'aria-live': 'polite' }, content);
}
