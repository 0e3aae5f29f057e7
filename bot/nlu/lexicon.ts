import { CITIES, type ProductCode } from '../../data/vocabulary';

/**
 * Words staff use for each product, English (lower case, matched on word boundaries, an optional
 * plural "s" is allowed) and Chinese (matched anywhere). Longer synonyms are tried first.
 */
export const PRODUCT_SYNONYMS: Readonly<Record<ProductCode, { en: readonly string[]; zh: readonly string[] }>> = {
  credit_card: { en: ['credit card', 'credit-card', 'creditcard'], zh: ['信用卡', '贷记卡'] },
  personal_loan: {
    en: ['personal loan', 'consumer loan', 'personal lending', 'consumer credit'],
    zh: ['个人消费贷款', '个人贷款', '消费贷款', '消费贷', '个贷'],
  },
  mortgage: {
    en: ['mortgage', 'home loan', 'housing loan', 'property loan'],
    zh: ['住房按揭', '住房贷款', '房屋贷款', '房贷', '按揭'],
  },
  wealth_management: {
    en: ['wealth management', 'wealth mgmt', 'wealth product', 'investment product', 'wealth', 'wm'],
    zh: ['理财产品', '财富管理', '理财'],
  },
  term_deposit: {
    en: ['term deposit', 'fixed deposit', 'time deposit', 'td', 'fd'],
    zh: ['定期存款', '定期', '定存'],
  },
  sme_loan: {
    en: ['sme loan', 'sme lending', 'small business loan', 'business loan', 'sme'],
    zh: ['小微企业贷款', '小微贷款', '经营性贷款', '经营贷款', '经营贷', '小微'],
  },
  fx_remittance: {
    en: ['cross-border remittance', 'cross border remittance', 'fx remittance', 'remittance', 'foreign exchange', 'forex', 'fx'],
    zh: ['跨境汇款', '境外汇款', '国际汇款', '外汇', '换汇', '汇款'],
  },
};

/** Spellings of each city: canonical English, its variants, and the Chinese name. */
export const CITY_ALIASES: readonly { readonly city: string; readonly en: readonly string[]; readonly zh: readonly string[] }[] =
  CITIES.map((c) => ({
    city: c.name,
    en: c.name === "Xi'an" ? ["xi'an", 'xian', 'xi an', 'xi-an'] : [c.name.toLowerCase()],
    zh: [c.nameZh],
  }));

/**
 * Common Chinese surnames (the most frequent ~200 single-character ones plus compound ones).
 * A name is a surname followed by one or two given-name characters.
 */
export const SURNAMES_ZH: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏吕丁沈姚卢姜崔钟谭陆汪范石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝高苏金任于吴',
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '司徒', '长孙', '宇文',
];

/** Pinyin of common surnames, for names typed in Latin letters ("Wang Wei", "zhang xiuying"). */
export const SURNAMES_PINYIN: readonly string[] = [
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu',
  'guo', 'he', 'lin', 'luo', 'gao', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao',
  'peng', 'zeng', 'xiao', 'tian', 'dong', 'yuan', 'pan', 'yu', 'jiang', 'cai', 'du', 'ye', 'cheng', 'su',
  'wei', 'lv', 'lu', 'ding', 'ren', 'shen', 'yao', 'cui', 'zhong', 'tan', 'fan', 'jin', 'shi', 'liao', 'jia',
  'xia', 'fu', 'bai', 'zou', 'meng', 'xiong', 'qin', 'qiu', 'yin', 'xue', 'yan', 'duan', 'lei', 'hou', 'long',
  'tao', 'gu', 'mao', 'hao', 'gong', 'shao', 'wan', 'qian', 'dai', 'mo', 'kong', 'xiang', 'wen', 'kang',
  'niu', 'ge', 'xing', 'qi', 'yi', 'qiao', 'pang', 'ni', 'zhuang', 'nie', 'yue', 'zhai', 'ouyang', 'situ',
  'shangguan', 'zhuge', 'sima', 'huangfu', 'murong',
];
