import { addYears, ageOn, formatDay, type Day } from './dates';
import { drawName, makeName, type PersonName } from './names';
import { clamp01, Rng, weightedTable } from './prng';
import { BRANCHES } from './reference';
import type { BankRow } from './types';
import { FIXED, type World } from './world';

/** The latent traits (0..1) that drive everything observable about a customer. */
export interface Traits {
  affluence: number;
  stress: number;
  disengagement: number;
  digital: number;
  travel: number;
}

/** A customer's identity, traits and life events, before any product or transaction is drawn. */
export interface Profile {
  readonly index: number;
  readonly id: string;
  readonly rng: Rng;
  readonly gender: 'F' | 'M';
  readonly name: PersonName;
  readonly birth: Day;
  readonly age: number;
  readonly branchIndex: number;
  readonly rmId: string;
  readonly occupation: string;
  /** Receives a monthly salary (or pension when retired). */
  readonly income: 'salary' | 'pension' | 'none';
  readonly annualIncome: number;
  readonly joined: Day;
  readonly consent: boolean;
  readonly doNotContact: boolean;
  readonly language: 'zh' | 'en';
  readonly traits: Traits;
  /** The day the customer left the bank (closed everyday accounts), or null. */
  readonly churnDay: Day | null;
}

export function customerId(index: number): string {
  return `C${String(index + 1).padStart(6, '0')}`;
}

const ageTable = weightedTable(
  Array.from({ length: 68 }, (_, i) => {
    const age = 18 + i;
    const w = age < 36 ? 4 + (age - 18) : Math.max(1.5, 22 - (age - 36) * 0.42);
    return [age, w] as const;
  }),
);
const branchTable = weightedTable(BRANCHES.map((b, i) => [i, b.weight] as const));

const OCCUPATIONS = {
  low: ['factory worker', 'retail assistant', 'driver', 'clerk', 'delivery rider', 'nurse', 'teacher', 'chef'],
  mid: ['software engineer', 'teacher', 'civil servant', 'accountant', 'sales manager', 'doctor', 'designer', 'engineer'],
  high: ['business owner', 'executive', 'doctor', 'lawyer', 'investment manager', 'senior engineer', 'professor'],
} as const;

const PHONE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '158', '159', '180', '182', '186', '187', '188', '189'];
const MAIL_PROVIDERS = weightedTable([
  ['qq.com', 35], ['163.com', 25], ['126.com', 10], ['sina.com', 6], ['gmail.com', 8], ['outlook.com', 8], ['foxmail.com', 8],
] as const);

export function drawProfile(world: World, index: number): Profile {
  const rng = Rng.stream(world.seed, 'customer', index);
  let gender: 'F' | 'M' = rng.chance(0.5) ? 'F' : 'M';
  let name = drawName(rng, gender);
  const age = rng.weighted(ageTable);
  // Uniform birth day among the days that give exactly this age on the as-of date.
  const latest = addYears(world.asOf, -age);
  const earliest = addYears(world.asOf, -age - 1) + 1;
  const birth = earliest + Math.floor(rng.float() * (latest - earliest + 1));
  let branchIndex = rng.weighted(branchTable);

  const ageFactor = clamp01((age - 22) / 35);
  const traits: Traits = {
    affluence: clamp01(0.78 * rng.float() ** 1.7 + 0.22 * ageFactor + 0.05 * rng.normal()),
    stress: 0,
    disengagement: clamp01(rng.float() ** 2.3),
    digital: clamp01(1.2 - age / 70 + 0.18 * rng.normal()),
    travel: 0,
  };
  traits.stress = clamp01(0.72 * rng.float() ** 2.2 + 0.3 * (1 - traits.affluence) * rng.float() + (age < 28 ? 0.05 : 0));
  traits.travel = clamp01(0.6 * traits.affluence * rng.float() + 0.45 * rng.float() ** 3);

  switch (index) {
    case FIXED.wangWeiBeijing:
      gender = 'M';
      name = makeName('王', 'Wang', '伟', 'Wei');
      branchIndex = 0;
      Object.assign(traits, { affluence: 0.55, stress: 0.3, disengagement: 0.15, digital: 0.7, travel: 0.3 });
      break;
    case FIXED.wangWeiShanghai:
      gender = 'M';
      name = makeName('王', 'Wang', '伟', 'Wei');
      branchIndex = 1;
      Object.assign(traits, { affluence: 0.35, stress: 0.55, disengagement: 0.35, digital: 0.5, travel: 0.1 });
      break;
    case FIXED.uniqueName:
      gender = 'M';
      name = makeName('欧阳', 'Ouyang', '明轩', 'Mingxuan');
      branchIndex = 0;
      Object.assign(traits, { affluence: 0.92, stress: 0.05, disengagement: 0.1, digital: 0.8, travel: 0.85 });
      break;
    case FIXED.injectionComplaint:
    case FIXED.anomaly:
      traits.disengagement = Math.min(traits.disengagement, 0.3);
      break;
    default:
      break;
  }

  const branchRms = world.rmsByBranch[branchIndex] ?? [];
  const rmId =
    index === FIXED.wangWeiBeijing || index === FIXED.uniqueName || index === FIXED.wangWeiShanghai
      ? (branchRms[0] as string)
      : (branchRms[Math.floor(rng.float() * branchRms.length)] as string);

  const { occupation, income } = drawOccupation(rng, age, traits.affluence);
  const annualIncome =
    income === 'salary'
      ? Math.round((42_000 * Math.exp(2.6 * traits.affluence + 0.25 * rng.normal())) / 100) * 100
      : income === 'pension'
        ? Math.round((30_000 * Math.exp(1.4 * traits.affluence + 0.15 * rng.normal())) / 100) * 100
        : Math.round(rng.float() * 120) * 100;

  const adult = addYears(birth, 18);
  let joined: Day;
  if (rng.chance(0.08)) joined = world.asOf - rng.int(20, 360);
  else joined = world.asOf - rng.int(366, 365 * Math.max(2, Math.min(20, age - 17)));
  if (joined < adult) joined = Math.min(world.asOf - 20, adult + rng.int(0, 365));
  // The fixed customers have a full history to show.
  if (index <= FIXED.anomaly) joined = Math.max(adult, Math.min(joined, world.asOf - 3 * 365));

  const dis = traits.disengagement;
  let churnDay: Day | null = null;
  if (dis > 0.6 && rng.chance((dis - 0.6) * 2.2)) {
    const from = Math.max(world.historyStart + 100, joined + 90);
    if (from < world.asOf - 3) churnDay = rng.int(from, world.asOf - 3);
  }

  return {
    index,
    id: customerId(index),
    rng,
    gender,
    name,
    birth,
    age: ageOn(birth, world.asOf),
    branchIndex,
    rmId,
    occupation,
    income,
    annualIncome,
    joined,
    consent: rng.chance(0.74 - 0.15 * dis),
    doNotContact: rng.chance(0.025 + 0.1 * dis),
    language: rng.chance(0.03 + 0.15 * traits.travel) ? 'en' : 'zh',
    traits,
    churnDay,
  };
}

function drawOccupation(rng: Rng, age: number, affluence: number): { occupation: string; income: Profile['income'] } {
  if (age < 23 && rng.chance(0.6)) return { occupation: 'student', income: 'none' };
  if (age >= 60 && rng.chance(0.75)) return { occupation: 'retired', income: 'pension' };
  if (rng.chance(0.03)) return { occupation: 'homemaker', income: 'none' };
  const tier = affluence > 0.6 ? OCCUPATIONS.high : affluence > 0.3 ? OCCUPATIONS.mid : OCCUPATIONS.low;
  if (affluence > 0.3 && rng.chance(0.08)) return { occupation: 'business owner', income: 'salary' };
  return { occupation: rng.pick(tier), income: 'salary' };
}

/** An 18-character PRC resident identity number with the right birth date, sex digit and check character. */
export function identityNumber(rng: Rng, regionCode: string, birth: Day, gender: 'F' | 'M'): string {
  const seq = rng.int(0, 499) * 2 + (gender === 'M' ? 1 : 0);
  const body = regionCode + formatDay(birth).replace(/-/g, '') + String(seq).padStart(3, '0');
  return body + identityCheckChar(body);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function identityCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] as string;
}

export function customerRows(p: Profile): { customer: BankRow<'customers'>; traits: BankRow<'customer_traits'> } {
  const rng = p.rng;
  const branch = BRANCHES[p.branchIndex] as (typeof BRANCHES)[number];
  const region = rng.chance(0.8) ? branch.regionCode : rng.pick(BRANCHES).regionCode;
  const t = p.traits;
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    customer: {
      id: p.id,
      name: p.name.name,
      name_pinyin: p.name.pinyin,
      gender: p.gender,
      birth_date: formatDay(p.birth),
      city: branch.city,
      branch_id: branch.id,
      rm_id: p.rmId,
      marketing_consent: p.consent ? 1 : 0,
      do_not_contact: p.doNotContact ? 1 : 0,
      id_number: identityNumber(rng, region, p.birth, p.gender),
      phone: rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0'),
      email: `${p.name.handle}${rng.int(1, 9999)}@${rng.weighted(MAIL_PROVIDERS)}`,
      occupation: p.occupation,
      annual_income: p.annualIncome,
      joined_date: formatDay(p.joined),
      preferred_language: p.language,
    },
    traits: {
      customer_id: p.id,
      affluence: r4(t.affluence),
      financial_stress: r4(t.stress),
      disengagement: r4(t.disengagement),
      digital_affinity: r4(t.digital),
      travel: r4(t.travel),
    },
  };
}
