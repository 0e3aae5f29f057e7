import { z } from 'zod';
import { bullets, card, heading, paragraph, section } from '../cards';
import type { Language } from '../contracts';
import { t } from '../i18n';
import type { FeatureFlags } from '../services';
import { defineSkill } from '../skill';

interface Topic {
  en: string;
  zh: string;
  exampleEn: string;
  exampleZh: string;
}

const TOPICS: readonly Topic[] = [
  { en: 'Customer 360 view', zh: '客户画像', exampleEn: 'tell me about C000123', exampleZh: 'C000123 的客户画像' },
  { en: 'Credit risk score and reasons', zh: '信用风险评分及原因', exampleEn: 'credit risk for Wang Wei', exampleZh: '王伟的信用风险' },
  { en: 'Churn risk and retention actions', zh: '流失风险与挽留建议', exampleEn: 'is C000123 likely to leave?', exampleZh: '客户123会流失吗' },
  { en: "A customer's segment", zh: '客户所属分群', exampleEn: 'which segment is C000123 in', exampleZh: 'C000123 属于哪个客群' },
  { en: 'All customer segments', zh: '客群总览', exampleEn: 'show me the customer segments', exampleZh: '客群分布' },
  { en: 'Campaign target lists', zh: '营销目标名单', exampleEn: 'top 20 customers for wealth management in Shanghai aged 30 to 50', exampleZh: '上海30到50岁理财产品的前20名客户' },
  { en: 'Unusual transactions', zh: '异常交易', exampleEn: 'any unusual transactions in my portfolio this week?', exampleZh: 'C000123 近90天有异常交易吗' },
  { en: 'Portfolio statistics', zh: '组合统计', exampleEn: 'how many of my customers hold a mortgage?', exampleZh: '我的客户里有多少人持有房贷' },
  { en: 'Bank policy', zh: '行内政策', exampleEn: 'who can approve a band C loan of 2m?', exampleZh: '可疑交易要多久内上报' },
  { en: 'Model cards', zh: '模型说明', exampleEn: 'how good is the churn model?', exampleZh: '信用评分模型的版本和指标' },
];

export interface HelpResult {
  [key: string]: unknown;
  topics: Array<{ topic: string; example: string }>;
  features: { llm: boolean; sharedState: boolean; postgres: boolean };
  signedInAs: string;
  role: string;
}

export const helpSkill = defineSkill({
  name: 'help',
  description: 'What Bank Copilot can answer, with examples, and which optional features are switched off.',
  input: z.object({}),
  permission: 'public',
  async run(_input, ctx) {
    const lang = ctx.language;
    const topics = TOPICS.map((x) => ({ topic: t(lang, x.en, x.zh), example: t(lang, x.exampleEn, x.exampleZh) }));
    const off = featuresOff(ctx.services.features, lang);
    const who =
      ctx.principal.role === 'guest'
        ? t(lang, 'You are not in the staff directory, so you can ask about bank policy only.', '您不在员工名录中,只能查询行内政策。')
        : t(lang, `Signed in as ${ctx.principal.name} (${ctx.principal.staffId}, ${ctx.principal.role.replace('_', ' ')}).`,
            `当前身份:${ctx.principal.name}(${ctx.principal.staffId},${roleZh(ctx.principal.role)})。`);
    const result: HelpResult = { topics, features: { ...ctx.services.features }, signedInAs: ctx.principal.staffId, role: ctx.principal.role };
    const lines = topics.map((x) => `${x.topic}: "${x.example}"`);
    const body = [
      heading(t(lang, 'What I can help with', '我能帮您做什么')),
      paragraph(who),
      bullets(lines),
      section(t(lang, 'Optional features', '可选功能')),
      paragraph(off.length === 0 ? t(lang, 'All optional features are on.', '所有可选功能均已开启。') : off.join(' ')),
      paragraph(t(lang, 'Write in Chinese or English; I answer in the language you use. Contact details are always masked.',
        '中英文均可,我会用您使用的语言回答。联系方式始终脱敏显示。')),
    ];
    const text = [t(lang, 'What I can help with:', '我能帮您做什么:'), who, ...lines.map((l) => `- ${l}`), ...off].join('\n');
    return { outcome: 'answered', result, card: card(body), text };
  },
});

function featuresOff(f: FeatureFlags, lang: Language): string[] {
  const out: string[] = [];
  if (!f.llm)
    out.push(t(lang, 'The LLM assistant is off (no OpenAI / Azure OpenAI configured): I use my built-in language understanding.',
      '大模型助手未开启(未配置 OpenAI / Azure OpenAI):当前使用内置语言理解。'));
  if (!f.sharedState)
    out.push(t(lang, 'Conversation memory is kept in this process only (no Redis configured).', '对话记忆仅保存在本进程内(未配置 Redis)。'));
  if (!f.postgres)
    out.push(t(lang, 'Data comes from the embedded SQLite database (synthetic demo bank).', '数据来自内置 SQLite 数据库(合成演示银行)。'));
  return out;
}

function roleZh(role: string): string {
  const map: Record<string, string> = {
    relationship_manager: '客户经理',
    branch_manager: '网点负责人',
    risk_officer: '风险官',
    marketing: '营销分析师',
    admin: '管理员',
  };
  return map[role] ?? role;
}
