import type { CustomerRow } from '../data/repositories/customer-repository';
import type { CustomerResolution } from './access';
import { card, heading, paragraph, submitAction } from './cards';
import type { Language } from './contracts';
import { ageAt, t } from './i18n';
import { maskPhone } from './pii';
import type { SkillAnswer, SkillContext } from './skill';

export function deniedAnswer(lang: Language, customerId?: string): SkillAnswer {
  const text = customerId
    ? t(lang, `You don't have access to customer ${customerId}: it is outside your scope. No data was shown, and the request was logged.`,
        `您无权查看客户 ${customerId}:该客户不在您的权限范围内。未显示任何数据,此次请求已记录。`)
    : t(lang, "Your role doesn't allow this request. It was logged; ask your manager or an administrator if you need access.",
        '您的角色无权进行此操作。此次请求已记录;如需权限,请联系您的主管或管理员。');
  return { outcome: 'denied', result: { customerId: customerId ?? null }, card: card([paragraph(text, { color: 'Attention' })]), text };
}

export function notFoundAnswer(lang: Language, query: string): SkillAnswer {
  const text = t(lang, `I couldn't find a customer matching "${query}". Check the id (like C000123) or the name.`,
    `没有找到与"${query}"匹配的客户。请检查客户号(如 C000123)或姓名。`);
  return { outcome: 'not_found', result: { query }, card: card([paragraph(text, { color: 'Warning' })]), text };
}

export function missingCustomerAnswer(lang: Language): SkillAnswer {
  const text = t(lang, 'Which customer? Give me a customer id (like C000123) or a name.', '请问是哪位客户?请提供客户号(如 C000123)或姓名。');
  return {
    outcome: 'clarify',
    result: { missing: 'customerId', choices: [] },
    card: card([paragraph(text)]),
    text,
    clarification: { missing: 'customerId', choices: [] },
  };
}

export function ambiguousCustomerAnswer(lang: Language, asOf: string, query: string, matches: Extract<CustomerResolution, { kind: 'ambiguous' }>['matches']): SkillAnswer {
  const choices = matches.map((m) => ({
    label: `${m.name} (${m.name_pinyin}) · ${m.id} · ${m.city} · ${t(lang, `age ${ageAt(m.birth_date, asOf)}`, `${ageAt(m.birth_date, asOf)}岁`)} · ${maskPhone(m.phone)}`,
    entities: { customerId: m.id },
  }));
  const intro = t(lang, `${matches.length} customers match "${query}". Which one? Pick one, or reply with its number or id.`,
    `有 ${matches.length} 位客户与"${query}"匹配。请问是哪一位?请点选,或回复序号或客户号。`);
  const text = [intro, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
  return {
    outcome: 'clarify',
    result: { missing: 'customerId', query, choices: choices.map((c) => ({ customerId: c.entities.customerId, label: c.label })) },
    card: card(
      [heading(t(lang, 'Which customer?', '请问是哪位客户?')), paragraph(intro)],
      choices.map((c, i) => submitAction(`${i + 1}. ${c.label}`, { choose: { customerId: c.entities.customerId } })),
    ),
    text,
    clarification: { missing: 'customerId', choices },
  };
}

/**
 * Resolves the customer a single-customer skill is about, and turns every outcome other than "found"
 * into the standard answer, so each skill only writes its happy path.
 */
export async function withCustomer(
  input: { customerId?: string; customerName?: string },
  ctx: SkillContext,
  answer: (customer: CustomerRow) => Promise<SkillAnswer>,
): Promise<SkillAnswer> {
  const resolution = await ctx.access.resolve(input);
  switch (resolution.kind) {
    case 'found':
      return answer(resolution.customer);
    case 'denied':
      return deniedAnswer(ctx.language, resolution.customerId);
    case 'not_found':
      return notFoundAnswer(ctx.language, resolution.query);
    case 'ambiguous':
      return ambiguousCustomerAnswer(ctx.language, ctx.services.asOf, resolution.query, resolution.matches);
    case 'missing':
      return missingCustomerAnswer(ctx.language);
  }
}
