import type { Entities } from '../../../skills/contracts';
import { SURNAMES_PINYIN, SURNAMES_ZH } from '../lexicon';
import type { SpanMask } from './span-mask';

/*
 * Customer names are found heuristically and kept as written; the skill resolves them against
 * the customer table. Cities, products, amounts and risk words are claimed before this runs, so
 * 苏州 or 高流失 are never read as people surnamed 苏 or 高.
 */

// Surnames that are far more often ordinary words (和, 时, 全, 万, 明, 成, 于, and 查 as in 查查王伟).
const AMBIGUOUS_SURNAMES = new Set(['和', '时', '全', '万', '明', '成', '于', '查']);
const SINGLE_SURNAMES = new Set([...SURNAMES_ZH].filter((s) => s.length === 1 && !AMBIGUOUS_SURNAMES.has(s)));
const COMPOUND_SURNAMES = SURNAMES_ZH.filter((s) => s.length === 2);

// Characters that end a name: particles, verbs and the first characters of the words that
// usually follow a name in a request (的资料, 信用, 流失, 最近, 账户, 属于 …), and titles, so that
// 张总, 李经理, 王女士 (a surname and a title, not a full name) are not taken as names.
const NOT_GIVEN_NAME = new Set(
  [...'的是有在会能可要还属这那哪怎吗呢吧了和与及最近信流风画客户资交账分违评基情况档案等个位名们么什谁啥多少几岁元天月年号啊呀哦也都就把被给让从向对于为以或但如所因每各其此之而很太更又再才已将并若则请您你我他她它一下看查找帮转销还忠预标结类型近贷款额度卡放批办推打做申买借存取提换跑走离留总经先女老董哥姐',
  ].filter((ch) => !'伟芳娜静敏磊强洋英秀杰军丽燕华平刚明霞'.includes(ch)),
);

// Two-character words that begin with a surname character but are not names.
const NOT_NAMES = new Set([
  '余额', '周末', '周五', '周一', '周二', '周三', '周四', '周六', '周日', '周报', '周期', '谢谢', '辛苦', '明天', '明年',
  '关于', '高净', '高价', '高端', '高风', '高于', '高额', '高龄', '金额', '金融', '安全', '方面', '方式', '方法', '方案',
  '文件', '文档', '任何', '任务', '麻烦', '申请', '申报', '解释', '简单', '简介', '连续', '冷静', '符合', '范围', '付款',
  '费用', '顾客', '钱款', '严重', '常见', '常用', '应该', '车贷', '房产', '包括', '单笔', '管理', '商户', '查询', '曾经',
  '许可', '尤其', '季度', '项目', '曲线', '欧元', '白领', '祝你', '马上', '何时', '何种', '史上', '段时', '龙头', '黄金',
  '江苏', '韩国', '司法', '农行', '华为', '宁可', '尚未', '石油', '苏州', '武汉', '上海', '汤圆', '温馨', '康复', '邮件',
  '路径', '毕业', '景气', '党员', '宫颈', '米价', '师傅', '包含', '沙发', '柯林', '纪录', '梅花', '童年', '凌晨',
]);

// Words after which a name may start even though a CJK character precedes it.
const ZH_TRIGGERS = [
  '查一下', '查询一下', '查查', '查询', '查下', '查', '看看', '看一下', '看下', '看', '关于', '客户', '顾客', '给我', '帮我',
  '调出', '调取', '显示', '介绍一下', '介绍', '说说', '讲讲', '分析一下', '分析', '评估一下', '评估', '了解一下', '了解',
  '打开', '请问', '问下', '问一下', '那', '跟', '把', '对', '和', '叫', '名叫', '姓名', '名字是', '给', '替', '帮',
];

const CJK = /[\u3400-\u9fff]/;

function zhNameAt(text: string, i: number): string | undefined {
  const compound = COMPOUND_SURNAMES.find((s) => text.startsWith(s, i));
  const surname = compound ?? (SINGLE_SURNAMES.has(text[i]!) ? text[i]! : undefined);
  if (!surname) return undefined;
  const before = text.slice(0, i);
  const prev = before.slice(-1);
  if (prev && CJK.test(prev) && !ZH_TRIGGERS.some((t) => before.endsWith(t))) return undefined;
  let given = '';
  for (let j = i + surname.length; j < text.length && given.length < 2; j++) {
    const ch = text[j]!;
    if (!CJK.test(ch) || NOT_GIVEN_NAME.has(ch)) break;
    given += ch;
  }
  if (!given) return undefined;
  const name = surname + given;
  if (NOT_NAMES.has(name.slice(0, 2)) || NOT_NAMES.has(name.slice(1, 3))) return undefined;
  return name;
}

const PINYIN_SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ue|ui|ve|er|a|o|e|i|u|v)$/;

/** True when the token splits into one or two pinyin syllables ("wei", "xiuying"). */
function isPinyinGivenName(token: string): boolean {
  if (token.length > 8) return false;
  if (PINYIN_SYLLABLE.test(token)) return true;
  for (let k = 1; k < token.length; k++) {
    if (PINYIN_SYLLABLE.test(token.slice(0, k)) && PINYIN_SYLLABLE.test(token.slice(k))) return true;
  }
  return false;
}

// English words that are also pinyin syllables and commonly follow a surname-like word.
const ENGLISH_NOT_GIVEN = new Set([
  'a', 'an', 'e', 'o', 'me', 'he', 'she', 'you', 'can', 'ran', 'sun', 'lie', 'die', 'tie', 'pie', 'men', 'ten', 'pen',
  'hen', 'den', 'fan', 'ban', 'pan', 'tan', 'man', 'long', 'song', 'king', 'ring', 'sing', 'wing', 'hang',
  'bang', 'rang', 'sang', 'a', 'ha', 'la', 'pa', 'ma', 'ok', 'hi', 'in', 'on', 'or', 'and', 'pin',
  'tin', 'win', 'you', 'yo', 'we', 'zen', 'ai', 'dai', 'mai', 'tai', 'lai', 'gao', 'mao', 'lao', 'dun',
  'run', 'gun', 'bun', 'fun', 'sun', 'nun', 'shun', 'hun', 'ken', 'gen', 'ben', 'then', 'when',
]);

const PINYIN_SURNAMES = new Set(SURNAMES_PINYIN);
const EN_TRIGGERS = new Set([
  'about', 'for', 'of', 'on', 'is', 'was', 'with', 'that', 'customer', 'client', 'named', 'called', 'check', 'show',
  'find', 'profile', "who's", 'whos', 'me', 'see', 'view', 'will', 'does', 'did', 'can', 'could', 'should', 'would',
  'has', 'to', 'lookup', 'up', 'brief', 'and', 'vs',
]);
const WORD = /[a-z']+/g;

function pinyinName(original: string, lower: string): string | undefined {
  const words = [...lower.matchAll(WORD)].map((m) => ({ word: m[0], at: m.index }));
  for (let k = 0; k + 1 < words.length; k++) {
    const surname = words[k]!;
    const given = words[k + 1]!;
    // The two words must be adjacent (only spaces between them).
    if (lower.slice(surname.at + surname.word.length, given.at).trim() !== '') continue;
    if (!PINYIN_SURNAMES.has(surname.word)) continue;
    const givenWord = given.word.replace(/'s$/, '');
    if (ENGLISH_NOT_GIVEN.has(givenWord) || !isPinyinGivenName(givenWord)) continue;
    const before = lower.slice(0, surname.at).trimEnd();
    const prevWord = k > 0 && lower.slice(words[k - 1]!.at + words[k - 1]!.word.length, surname.at).trim() === '' ? words[k - 1]!.word : undefined;
    const atStart = before === '' || /[\u3400-\u9fff:,;!?\u3002\uff0c\uff1a]$/.test(before);
    if (!atStart && !(prevWord && EN_TRIGGERS.has(prevWord))) continue;
    return original.slice(surname.at, given.at + givenWord.length);
  }
  return undefined;
}

/** Reads a customer name (Chinese characters or pinyin), as written. */
export function extractCustomerName(mask: SpanMask, original: string, out: Entities): void {
  const text = mask.text;
  for (let i = 0; i < text.length; i++) {
    const name = zhNameAt(text, i);
    if (name) {
      out.customerName = name;
      mask.claim(i, i + name.length, 'customerName');
      return;
    }
  }
  const pinyin = pinyinName(original, text);
  if (pinyin) {
    const at = text.indexOf(pinyin.toLowerCase());
    out.customerName = pinyin;
    mask.claim(at, at + pinyin.length, 'customerName');
  }
}
