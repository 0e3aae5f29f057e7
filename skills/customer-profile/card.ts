import { bullets, card, facts, heading, paragraph, section, subtle, table, type AdaptiveCard } from '../cards';
import type { Language } from '../contracts';
import { cityName, formatMoney, t } from '../i18n';
import { productName } from '../product-names';
import type { CustomerProfileResult } from './index';

const CHANNELS_ZH: Record<string, string> = { mobile: '手机银行', online: '网上银行', branch: '网点', atm: 'ATM', pos: 'POS刷卡' };
const OUTCOMES_ZH: Record<string, string> = { accepted: '已接受', declined: '已拒绝', no_response: '未回应' };

export function renderProfile(r: CustomerProfileResult, lang: Language): { card: AdaptiveCard; text: string } {
  const zh = lang === 'zh';
  const gender = r.gender === 'F' ? t(lang, 'female', '女') : t(lang, 'male', '男');
  const channel = (c: string | null) => (c ? (zh ? CHANNELS_ZH[c] ?? c : c) : '—');
  const a = r.activity;

  const identity: Array<[string, string]> = [
    [t(lang, 'Customer', '客户'), `${r.name} (${r.namePinyin}) · ${r.customerId}`],
    [t(lang, 'Age / gender', '年龄 / 性别'), `${r.age} · ${gender}`],
    [t(lang, 'City / branch', '城市 / 网点'), `${cityName(r.city, lang)} · ${(zh ? r.branch.nameZh : r.branch.name) ?? r.branch.id}`],
    [t(lang, 'Relationship manager', '客户经理'), `${r.relationshipManager.name ?? ''} (${r.relationshipManager.id})`],
    [t(lang, 'Phone', '电话'), r.contact.phone],
    [t(lang, 'E-mail', '邮箱'), r.contact.email],
    [t(lang, 'ID number', '证件号'), r.contact.idNumber],
    [t(lang, 'Customer since', '开户日期'), r.customerSince],
    [t(lang, 'Marketing', '营销'), marketingStatus(r, lang)],
  ];
  const productRows = r.products.map((p) => [
    productName(p.product, lang),
    p.status === 'active' ? t(lang, 'active', '有效') : t(lang, 'closed', '已销户'),
    formatMoney(p.balance) + (p.creditLimit ? ` / ${formatMoney(p.creditLimit)}` : ''),
  ]);
  const activityLines = [
    t(lang, `${a.transactions} transactions in the last ${a.windowDays} days: ${formatMoney(a.moneyIn)} in, ${formatMoney(a.moneyOut)} out; mostly ${channel(a.topChannel)}.`,
      `近${a.windowDays}天共 ${a.transactions} 笔交易:转入 ${formatMoney(a.moneyIn)},转出 ${formatMoney(a.moneyOut)};主要渠道:${channel(a.topChannel)}。`),
    a.crossBorderCount > 0
      ? t(lang, `Cross-border: ${a.crossBorderCount} transactions, ${formatMoney(a.crossBorderTotal)} (${a.crossBorderCountries.join(', ')}).`,
          `跨境:${a.crossBorderCount} 笔,共 ${formatMoney(a.crossBorderTotal)}(${a.crossBorderCountries.join('、')})。`)
      : t(lang, 'No cross-border activity.', '无跨境交易。'),
    a.lastTransactionAt ? t(lang, `Last transaction: ${a.lastTransactionAt.slice(0, 10)}.`, `最近一笔交易:${a.lastTransactionAt.slice(0, 10)}。`) : t(lang, 'No transactions in this window.', '此期间无交易。'),
  ];
  const contactLine = r.lastContact
    ? t(lang, `Last contact: ${r.lastContact.date}, ${r.lastContact.campaign} (${productName(r.lastContact.product, lang)}) by ${r.lastContact.channel}: ${r.lastContact.outcome.replace('_', ' ')}.`,
        `最近联系:${r.lastContact.date},${r.lastContact.campaign}(${productName(r.lastContact.product, lang)}),渠道 ${r.lastContact.channel},结果:${OUTCOMES_ZH[r.lastContact.outcome] ?? r.lastContact.outcome}。`)
    : t(lang, 'No campaign contact on record.', '无营销联系记录。');
  const complaintsLine =
    r.openComplaints.length === 0
      ? t(lang, 'No open complaints.', '无未结投诉。')
      : t(lang, `${r.openComplaints.length} open complaint(s): ${r.openComplaints.map((c) => `${c.category} (${c.date})`).join('; ')}.`,
          `${r.openComplaints.length} 宗未结投诉:${r.openComplaints.map((c) => `${c.category}(${c.date})`).join(';')}。`);

  const body = [
    heading(t(lang, `Customer profile: ${r.name} (${r.namePinyin})`, `客户画像:${r.name}(${r.namePinyin})`)),
    subtle(t(lang, `Data as of ${r.asOf}`, `数据截至 ${r.asOf}`)),
    facts(identity),
    section(t(lang, 'Products and balances', '产品与余额')),
    table([t(lang, 'Product', '产品'), t(lang, 'Status', '状态'), t(lang, 'Balance / limit', '余额 / 额度')], productRows),
    facts([
      [t(lang, 'Total assets', '总资产'), formatMoney(r.totalAssets)],
      [t(lang, 'Total borrowing', '总负债'), formatMoney(r.totalLiabilities)],
    ]),
    section(t(lang, 'Recent activity', '近期活动')),
    bullets(activityLines),
    section(t(lang, 'Contact and service', '联系与服务')),
    paragraph(contactLine),
    paragraph(complaintsLine, r.openComplaints.length > 0 ? { color: 'Warning' } : {}),
  ];
  const text = [
    t(lang, `${r.name} (${r.namePinyin}), ${r.customerId}: ${r.age}, ${gender}, ${r.city}. RM ${r.relationshipManager.name ?? r.relationshipManager.id}. Phone ${r.contact.phone}, e-mail ${r.contact.email}.`,
      `${r.name}(${r.namePinyin}),${r.customerId}:${r.age}岁,${gender},${cityName(r.city, lang)}。客户经理 ${r.relationshipManager.name ?? r.relationshipManager.id}。电话 ${r.contact.phone},邮箱 ${r.contact.email}。`),
    t(lang, `Products: ${r.products.filter((p) => p.status === 'active').map((p) => `${productName(p.product, lang)} ${formatMoney(p.balance)}`).join(', ')}. Total assets ${formatMoney(r.totalAssets)}.`,
      `产品:${r.products.filter((p) => p.status === 'active').map((p) => `${productName(p.product, lang)} ${formatMoney(p.balance)}`).join(',')}。总资产 ${formatMoney(r.totalAssets)}。`),
    ...activityLines,
    contactLine,
    complaintsLine,
  ].join('\n');
  return { card: card(body), text };
}

function marketingStatus(r: CustomerProfileResult, lang: Language): string {
  if (r.doNotContact) return t(lang, 'do not contact', '请勿联系');
  return r.marketingConsent ? t(lang, 'consented', '已同意营销') : t(lang, 'no consent', '未同意营销');
}
