import type { Profile } from './customer-profile';
import { formatTimestamp, type Day } from './dates';
import type { IdCounters } from './holdings';
import { COMPLAINT_NOTES, ENQUIRY_NOTES, INJECTION_NOTES, SERVICE_NOTES } from './interaction-notes';
import type { Rng } from './prng';
import type { BankRow } from './types';
import { FIXED, type World } from './world';

const CHANNELS = ['phone', 'branch', 'mobile', 'online', 'wechat'] as const;

/**
 * Complaints, enquiries and service requests. Stress and disengagement drive complaints, and a customer
 * about to leave often complains in the three months before; recent complaints may still be open.
 */
export function drawInteractions(world: World, p: Profile, ids: IdCounters): BankRow<'interactions'>[] {
  const rng = p.rng;
  const t = p.traits;
  const start = Math.max(world.historyStart, p.joined);
  const end = p.churnDay === null ? world.asOf : Math.min(world.asOf, p.churnDay + 1);
  if (end <= start) return [];
  const rows: BankRow<'interactions'>[] = [];
  const add = (day: Day, type: string, category: string, note: string) => {
    const recent = world.asOf - day;
    const open = type === 'complaint' ? recent <= 45 && rng.chance(0.6) : recent <= 7 && rng.chance(0.5);
    rows.push({
      id: '',
      customer_id: p.id,
      ts: formatTimestamp(day, rng.int(8 * 3600, 21 * 3600)),
      type,
      channel: rng.pick(CHANNELS),
      category,
      status: open ? 'open' : 'resolved',
      note,
    });
  };
  const anyDay = () => rng.int(start, end - 1);
  const englishFirst = p.language === 'en';
  const note = (templates: readonly string[]) => {
    const text = englishFirst || rng.chance(0.15) ? (templates[1] ?? (templates[0] as string)) : (templates[0] as string);
    return text.replace('{amt}', String(rng.int(2, 400) * 10));
  };

  const complaints = rng.poisson(0.04 + 0.2 * t.stress + 0.45 * t.disengagement ** 2);
  for (let i = 0; i < complaints; i++) complaint(rng, add, anyDay(), note);
  if (p.churnDay !== null && rng.chance(0.6)) {
    complaint(rng, add, Math.max(start, p.churnDay - rng.int(5, 90)), note);
  }
  if (p.index === FIXED.injectionComplaint) {
    add(Math.max(start, world.asOf - rng.int(2, 20)), 'complaint', 'staff_attitude', INJECTION_NOTES[0] as string);
    const last = rows[rows.length - 1] as BankRow<'interactions'>;
    last.status = 'open';
  }

  const enquiries = rng.poisson(0.25 + 0.35 * (1 - t.digital));
  for (let i = 0; i < enquiries; i++) {
    const category = rng.pick(Object.keys(ENQUIRY_NOTES));
    add(anyDay(), 'enquiry', category, note(ENQUIRY_NOTES[category] ?? []));
  }
  const services = rng.poisson(0.2);
  for (let i = 0; i < services; i++) {
    const category = rng.pick(Object.keys(SERVICE_NOTES));
    add(anyDay(), 'service', category, note(SERVICE_NOTES[category] ?? []));
  }
  rows.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  for (const r of rows) r.id = `I${String(++ids.interaction).padStart(7, '0')}`;
  return rows;
}

function complaint(
  rng: Rng,
  add: (day: Day, type: string, category: string, note: string) => void,
  day: Day,
  note: (templates: readonly string[]) => string,
): void {
  const category = rng.pick(Object.keys(COMPLAINT_NOTES));
  const text = rng.chance(0.02) ? rng.pick(INJECTION_NOTES) : note(COMPLAINT_NOTES[category] ?? []);
  add(day, 'complaint', category, text);
}
