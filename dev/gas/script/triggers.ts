import { GasError } from '../errors';
import { type ClockSchedule, nextRun } from './schedule';

/** Installable triggers: who owns them, what they run, when they next fire, and the add-on limits. */

export type TriggerEventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface TriggerRecord {
  id: string;
  handler: string;
  owner: string;
  documentId: string;
  eventType: TriggerEventType;
  source: 'CLOCK' | 'SPREADSHEETS';
  schedule?: ClockSchedule;
  createdAt: number;
  nextRunAt?: number;
}

const MAX_TRIGGERS_PER_USER = 20;
const KIND_WORDS: Record<TriggerEventType, string> = {
  CLOCK: 'time-based',
  ON_OPEN: 'open',
  ON_EDIT: 'edit',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: 'form submit',
};

export class TriggerStore {
  private records: TriggerRecord[] = [];
  private seq = 0;

  all(): readonly TriggerRecord[] {
    return this.records;
  }

  ofUser(owner: string, documentId?: string): TriggerRecord[] {
    return this.records.filter((t) => t.owner === owner && (documentId === undefined || t.documentId === documentId));
  }

  /** Adds a trigger, enforcing 20 per user and the add-on rule: one trigger of each type per user per document. */
  add(record: Omit<TriggerRecord, 'id' | 'nextRunAt'>): TriggerRecord {
    const mine = this.ofUser(record.owner);
    if (mine.length >= MAX_TRIGGERS_PER_USER) {
      throw new GasError(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    if (mine.some((t) => t.documentId === record.documentId && t.eventType === record.eventType)) {
      throw new GasError(
        `This add-on has created too many ${KIND_WORDS[record.eventType]} triggers in this document for this Google user account.`,
      );
    }
    this.seq++;
    const full: TriggerRecord = { ...record, id: String(8_164_220_000 + this.seq * 104_729) };
    if (full.schedule) full.nextRunAt = nextRun(full.schedule, full.createdAt, full.createdAt);
    this.records.push(full);
    return full;
  }

  remove(id: string, owner: string): void {
    this.records = this.records.filter((t) => !(t.id === id && t.owner === owner));
  }

  due(now: number): TriggerRecord[] {
    return this.records
      .filter((t) => t.nextRunAt !== undefined && t.nextRunAt <= now)
      .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
  }

  /** After a run: the next slot after `now` (missed slots are skipped, as Apps Script does). */
  reschedule(record: TriggerRecord, now: number): void {
    if (!record.schedule) return;
    const next = nextRun(record.schedule, record.createdAt, now);
    if (next === undefined) delete record.nextRunAt;
    else record.nextRunAt = next;
  }
}
