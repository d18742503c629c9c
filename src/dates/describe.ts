/** Short human labels for a date spec, as the sidebar and run history show them. */

import { type DateSpec, type DaySpec, PRESETS, type Preset } from './types';

export type Lang = 'en' | 'zh';

export const PRESET_LABELS: Readonly<Record<Preset, Readonly<Record<Lang, string>>>> = {
  yesterday: { en: 'Yesterday', zh: '昨天' },
  last7: { en: 'Last 7 days', zh: '最近 7 天' },
  last30: { en: 'Last 30 days', zh: '最近 30 天' },
  thisMonth: { en: 'This month', zh: '本月' },
  lastMonth: { en: 'Last month', zh: '上月' },
};

/** e.g. "10 days back → 5 days back", "2026-11-01 → 2026-11-27", "Last 7 days"; "10 天前 → 5 天前" in Chinese. */
export function describeDates(spec: DateSpec, lang: Lang): string {
  switch (spec.mode) {
    case 'single':
      return describeDay(spec.day, lang);
    case 'range':
      return `${describeDay(spec.start, lang)} → ${describeDay(spec.end, lang)}`;
    case 'preset':
      return describePreset(spec.preset, lang);
    default:
      return String((spec as { mode: unknown }).mode);
  }
}

/** "2026-11-01", "5 days back", "1 day back", "today" (Chinese: "5 天前", "今天"). */
export function describeDay(day: DaySpec, lang: Lang): string {
  if (day.kind === 'daysBack') return describeDaysBack(day.days, lang);
  return String(day.date);
}

function describeDaysBack(days: number, lang: Lang): string {
  if (days === 0) return lang === 'zh' ? '今天' : 'today';
  if (lang === 'zh') return `${days} 天前`;
  return days === 1 ? '1 day back' : `${days} days back`;
}

function describePreset(preset: Preset, lang: Lang): string {
  // Configs are stored JSON, so an unknown preset is shown as written rather than crashing the label.
  return isPreset(preset) ? PRESET_LABELS[preset][lang] : String(preset);
}

export function isPreset(value: unknown): value is Preset {
  return PRESETS.some((preset) => preset === value);
}
