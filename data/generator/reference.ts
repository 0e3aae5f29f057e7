import { CITIES } from '../vocabulary';
import type { ProductCode, Role } from '../vocabulary';
import { addMonths, formatDay, type Day } from './dates';
import { drawName } from './names';
import { Rng } from './prng';
import type { BankRow } from './types';

/**
 * Reference data of the synthetic bank: branches, the staff directory and the year's campaigns.
 *
 * Staff id mapping (documented in README.md):
 *   S0001 admin, S0002 risk officer, S0003 marketing analyst;
 *   branch managers S0004–S0009 for B01–B06 and S9007–S9012 for B07–B12 (staff number = 9000 + branch
 *   number), so that relationship managers can be numbered contiguously from S0010;
 *   relationship managers S0010 … branch by branch (B01's first), 1 per ~250 customers, at least 1 per branch.
 */

export interface BranchInfo {
  readonly id: string;
  readonly city: string;
  readonly name: string;
  readonly nameZh: string;
  /** Share of customers living in the branch's city. */
  readonly weight: number;
  /** Prefix of identity numbers issued in the city (administrative division code). */
  readonly regionCode: string;
}

const BRANCH_DETAILS: Record<string, { district: string; districtZh: string; weight: number; region: string }> = {
  Beijing: { district: 'Chaoyang', districtZh: '朝阳', weight: 14, region: '110105' },
  Shanghai: { district: 'Pudong', districtZh: '浦东', weight: 15, region: '310115' },
  Guangzhou: { district: 'Tianhe', districtZh: '天河', weight: 10, region: '440106' },
  Shenzhen: { district: 'Futian', districtZh: '福田', weight: 10, region: '440304' },
  Hangzhou: { district: 'Xihu', districtZh: '西湖', weight: 7, region: '330106' },
  Chengdu: { district: 'Jinjiang', districtZh: '锦江', weight: 8, region: '510104' },
  Wuhan: { district: 'Jianghan', districtZh: '江汉', weight: 7, region: '420103' },
  Nanjing: { district: 'Xuanwu', districtZh: '玄武', weight: 6, region: '320102' },
  "Xi'an": { district: 'Yanta', districtZh: '雁塔', weight: 6, region: '610113' },
  Chongqing: { district: 'Yuzhong', districtZh: '渝中', weight: 7, region: '500103' },
  Suzhou: { district: 'Gusu', districtZh: '姑苏', weight: 5, region: '320508' },
  Tianjin: { district: 'Heping', districtZh: '和平', weight: 5, region: '120101' },
};

/** Twelve branches, one per city, B01 (Beijing) … B12 (Tianjin) in the order of `CITIES`. */
export const BRANCHES: readonly BranchInfo[] = CITIES.map((city, i) => {
  const d = BRANCH_DETAILS[city.name];
  if (!d) throw new Error(`No branch details for city ${city.name}`);
  return {
    id: `B${String(i + 1).padStart(2, '0')}`,
    city: city.name,
    name: `${city.name} ${d.district} Branch`,
    nameZh: `${city.nameZh}${d.districtZh}支行`,
    weight: d.weight,
    regionCode: d.region,
  };
});

export const CUSTOMERS_PER_RM = 250;
const MAX_RMS = 8990; // S0010 … S8999; S9xxx is reserved for branch managers

export function staffId(n: number): string {
  return `S${String(n).padStart(4, '0')}`;
}

export function branchManagerId(branchNumber: number): string {
  return staffId(branchNumber <= 6 ? 3 + branchNumber : 9000 + branchNumber);
}

/** Relationship managers per branch: proportional to the branch's customer share, at least one each. */
export function allocateRms(customers: number): string[][] {
  const total = Math.min(MAX_RMS, Math.max(BRANCHES.length, Math.round(customers / CUSTOMERS_PER_RM)));
  const weightSum = BRANCHES.reduce((s, b) => s + b.weight, 0);
  const exact = BRANCHES.map((b) => (total * b.weight) / weightSum);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  // Largest remainder, so the total is exact whenever the minimum of one per branch allows it.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let assigned = counts.reduce((s, c) => s + c, 0);
  for (const [, i] of order) {
    if (assigned >= total) break;
    counts[i] = (counts[i] as number) + 1;
    assigned++;
  }
  let next = 10;
  return counts.map((c) => Array.from({ length: c }, () => staffId(next++)));
}

/** A deterministic identifier shaped like an Entra ID (AAD) object id, version-4 UUID layout. */
export function aadObjectId(seed: number, staff: string): string {
  const h = Rng.stream(seed, `aad:${staff}`).hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function branchRows(): BankRow<'branches'>[] {
  return BRANCHES.map((b) => ({ id: b.id, name: b.name, name_zh: b.nameZh, city: b.city }));
}

export function staffRows(seed: number, rmsByBranch: readonly (readonly string[])[]): BankRow<'staff'>[] {
  const rng = Rng.stream(seed, 'staff');
  const row = (id: string, role: Role, branchId: string | null): BankRow<'staff'> => {
    const name = drawName(rng, rng.chance(0.5) ? 'F' : 'M');
    return {
      id,
      name: name.name,
      role,
      branch_id: branchId,
      aad_object_id: aadObjectId(seed, id),
      email: `${name.handle}.${id.toLowerCase()}@examplebank.cn`,
    };
  };
  const rows = [row('S0001', 'admin', null), row('S0002', 'risk_officer', null), row('S0003', 'marketing', null)];
  BRANCHES.forEach((b, i) => rows.push(row(branchManagerId(i + 1), 'branch_manager', b.id)));
  BRANCHES.forEach((b, i) => (rmsByBranch[i] ?? []).forEach((id) => rows.push(row(id, 'relationship_manager', b.id))));
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

export interface CampaignPlan {
  readonly id: string;
  readonly name: string;
  readonly product: ProductCode;
  readonly start: Day;
  readonly end: Day;
  readonly channel: string;
  /** Share of eligible customers the campaign reached, before targeting by relevance. */
  readonly reach: number;
}

const CAMPAIGNS: ReadonlyArray<readonly [string, ProductCode, number, string, number]> = [
  // name, product, month offset from the start of the history, channel, reach
  ['Year-end credit card cashback 年终信用卡返现', 'credit_card', 1, 'sms', 0.3],
  ['Spring wealth plan 开春理财计划', 'wealth_management', 2, 'rm_call', 0.25],
  ['Term deposit rate special 定期存款利率优惠', 'term_deposit', 4, 'sms', 0.3],
  ['Personal loan fast approval 个人贷款快速审批', 'personal_loan', 5, 'email', 0.25],
  ['Summer travel remittance 暑期跨境汇款优惠', 'fx_remittance', 6, 'mobile_push', 0.3],
  ['Mid-year wealth review 年中理财检视', 'wealth_management', 8, 'rm_call', 0.25],
  ['Home loan rate cut 房贷利率优惠', 'mortgage', 9, 'email', 0.2],
  ['SME growth loan 小微企业成长贷', 'sme_loan', 10, 'rm_call', 0.25],
];

/** Eight campaigns over the year of history, covering all seven products; each runs for a month. */
export function campaignPlans(historyStart: Day): CampaignPlan[] {
  return CAMPAIGNS.map(([name, product, offset, channel, reach], i) => {
    const start = addMonths(historyStart, offset) + 4;
    return { id: `K${String(i + 1).padStart(3, '0')}`, name, product, start, end: addMonths(start, 1) - 1, channel, reach };
  });
}

export function campaignRows(plans: readonly CampaignPlan[]): BankRow<'campaigns'>[] {
  return plans.map((p) => ({
    id: p.id,
    name: p.name,
    product: p.product,
    start_date: formatDay(p.start),
    end_date: formatDay(p.end),
    channel: p.channel,
  }));
}
