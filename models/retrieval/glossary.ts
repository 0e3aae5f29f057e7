/**
 * The bank's retrieval thesaurus: ways staff name one concept, in English and Chinese.
 * A text that mentions any form gets the concept as an extra term (`g:<id>`), so "how often"
 * meets "contact frequency", "DNC" meets "do-not-contact", and — because the concept term is
 * the same in both languages — an English question also scores the Chinese text of a section.
 *
 * English forms match whole words; a trailing `*` matches any word that starts with the form
 * ("retire*" matches "retired", "retirement"). Chinese forms match as substrings.
 * Keep entries general banking vocabulary, not the wording of particular questions.
 */
export const GLOSSARY: Readonly<Record<string, readonly string[]>> = {
  frequency: ['how often', 'frequency', 'how many times', 'once per', 'per 30 days', '频率', '几次', '多久一次', '每30天'],
  dti: ['debt to income', 'debt-to-income', 'dti', 'affordability', '债务收入比', '负债收入比', '收入负债比', '还款能力'],
  ltv: ['loan to value', 'loan-to-value', 'ltv', 'down payment', '贷款价值比', '抵押率', '几成', '首付'],
  approval: ['approve*', 'approval*', 'sign off', 'sign-off', 'authority', 'authorise*', 'authorize*', '批', '会签'],
  dnc: ['do not contact', 'do-not-contact', 'dnc', 'no contact', '勿扰', '不要联系', '不被联系', '免打扰'],
  consent: ['consent*', 'opt-in', 'opt in', 'permission', '同意', '授权'],
  optOut: ['opt out', 'opt-out', 'unsubscrib*', 'withdraw consent', 'stop receiving', 'td', '退订', '撤回同意', '取消订阅'],
  str: ['suspicious transaction report*', 'str', 'strs', '可疑交易报告'],
  sar: ['suspicious activity report*', 'sar', 'sars', '可疑活动报告'],
  mlro: ['mlro', 'money laundering reporting officer', 'compliance', '合规', '反洗钱报告负责人'],
  aml: ['money laundering', 'launder*', 'aml', '洗钱', '反洗钱'],
  tippingOff: ['tipping off', 'tipping-off', 'tip off', 'tip-off', 'tell the customer', 'tell the client', '通风报信', '透露'],
  largeValue: ['large value', 'large-value', 'large cash', '大额交易', '大额现金'],
  pep: ['politically exposed', 'pep', 'peps', '政治公众人物'],
  drift: ['psi', 'population stability', 'drift*', 'stability index', '稳定性', '漂移', '偏移'],
  masking: ['mask*', 'hide', 'hidden', 'redact*', 'display*', 'shown', 'show', '脱敏', '显示', '打码', '隐藏'],
  retentionPeriod: ['how long', 'keep', 'kept', 'retain', 'retention period*', 'delete*', 'deletion', '保存', '保留', '几年', '删除'],
  complaint: ['complain*', 'unhappy', 'dissatisf*', '投诉', '不满'],
  churn: ['churn*', 'leave', 'leaving', 'attrition', 'retain the customer', 'retention offer*', '流失', '挽留', '离行'],
  fee: ['fee', 'fees', 'charge', 'charges', 'charged', '收费', '费用', '年费', '手续费'],
  mortgage: ['mortgage*', 'home loan*', 'housing loan*', 'house purchase', '按揭', '房贷', '住房贷款', '购房'],
  termDeposit: ['term deposit*', 'fixed deposit*', 'time deposit*', 'certificate* of deposit', 'cd', 'cds', '定期存款', '定期', '大额存单', '存单'],
  sme: ['sme', 'smes', 'small business*', 'business loan*', 'company loan*', 'enterprise*', '小微企业', '企业贷款', '经营贷', '个体工商户'],
  fx: ['fx', 'foreign exchange', 'foreign currency', 'remittance*', 'remit', 'send money abroad', 'wire abroad', 'cross-border', '跨境', '汇款', '购汇', '外汇'],
  wealth: ['wealth management', 'wealth product*', 'investment product*', 'fund*', '理财'],
  creditCard: ['credit card*', '信用卡'],
  personalLoan: ['personal loan*', 'consumer loan*', '个人贷款', '消费贷'],
  riskBand: ['risk band*', 'band', 'bands', 'grade*', 'rating', '风险等级', '等级', '评级'],
  pd: ['probability of default', 'default probability', 'pd', '违约概率'],
  redress: ['compensat*', 'redress', 'refund*', 'goodwill', 'reimburs*', '赔', '补偿', '赔付', '退还'],
  regulator: ['regulator*', 'nfra', '12378', 'ombudsman', '监管'],
  escalate: ['escalat*', 'report it to', '升级', '上报'],
  breach: ['breach*', 'leak*', 'data loss', '泄露', '泄漏'],
  lifeEvent: ['retire*', 'pension*', 'married', 'marriage', 'wedding', 'baby', 'newborn', 'passed away', 'death', 'bereave*', 'relocat*', 'moved city', 'moving city', '退休', '结婚', '生育', '去世', '丧亲', '迁居', '搬家'],
  engagement: ['log in', 'logged in', 'log into', 'logged into', 'login*', 'dormant', 'inactiv*', 'not used', 'disengag*', '登录', '休眠', '不活跃', '激活', '活跃度'],
  balanceDrop: ['falling balance*', 'balance* down', 'moved money', 'outflow*', 'withdrew', 'withdrawn', '余额下降', '存款少', '转走', '转出', '资金外流'],
  competitorRate: ['competitor*', 'other bank*', 'another bank', 'better rate', 'higher rate', 'rate match*', 'rate uplift', '他行', '别的银行', '其他银行', '利率更高', '同业', '加点', '上浮'],
  delay: ['delay*', 'on hold', 'held up', '延迟', '延误', '暂缓', '卡住'],
  validation: ['validat*', 'auc', 'gini', 'go live', 'go-live', '验证', '上线', '投产'],
  documents: ['document*', 'paperwork', 'proof', '材料', '证明', '资料'],
  age: ['age', 'aged', 'years old', 'how old', '年龄', '岁', '周岁', '年纪'],
  income: ['income', 'salary', 'earn*', 'payslip*', '收入', '工资'],
  roleAccess: ['who can see', 'who may see', 'look at', 'access', 'visible', 'view', '查看', '看到', '能看'],
  export: ['export*', 'spreadsheet*', 'excel', 'download*', 'email* a', 'personal email', 'personal mailbox', '导出', '表格', '个人邮箱'],
  campaignList: ['campaign list*', 'target list*', 'campaign', 'mailing list*', '营销名单', '目标名单', '营销活动'],
  override: ['override*', 'overrule*', 'exception*', '推翻', '例外'],
  timeline: ['how quickly', 'how fast', 'how soon', 'deadline*', 'within how many', 'by when', '多久', '多长时间', '几天', '时限', '期限'],
};

interface CompiledConcept {
  id: string;
  latin: RegExp | undefined;
  cjk: readonly string[];
}

const CJK = /[\u3400-\u9fff]/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(): CompiledConcept[] {
  return Object.entries(GLOSSARY).map(([id, forms]) => {
    const latinForms = forms.filter((f) => !CJK.test(f));
    const alternatives = latinForms.map((f) => {
      const prefix = f.endsWith('*');
      const body = escapeRegExp(prefix ? f.slice(0, -1) : f).replace(/ /g, '[\\s-]+');
      return prefix ? `${body}[a-z]*` : body;
    });
    return {
      id,
      latin: alternatives.length > 0 ? new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'g') : undefined,
      cjk: forms.filter((f) => CJK.test(f)),
    };
  });
}

const COMPILED = compile();

/** Concept ids mentioned in an already normalised (lower-cased) text, with their counts. */
export function findConcepts(normalizedText: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const c of COMPILED) {
    let count = c.latin ? (normalizedText.match(c.latin) ?? []).length : 0;
    for (const form of c.cjk) count += normalizedText.split(form).length - 1;
    if (count > 0) found.set(c.id, count);
  }
  return found;
}
