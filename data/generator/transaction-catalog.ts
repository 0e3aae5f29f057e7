import { weightedTable, type WeightedTable } from './prng';

/** Everyday spending categories: typical amount (CNY median for a middle-income customer) and merchants. */
export interface SpendCategory {
  readonly category: string;
  readonly median: number;
  readonly merchants: readonly string[];
  /** Paid online (web or app) rather than at a till. */
  readonly online: boolean;
}

export const DOMESTIC_SPEND: readonly (readonly [SpendCategory, number])[] = [
  [{ category: 'groceries', median: 120, online: false, merchants: ['Wumart 物美', 'Yonghui 永辉超市', 'Hema 盒马鲜生', 'Carrefour 家乐福', 'Walmart 沃尔玛', 'RT-Mart 大润发'] }, 20],
  [{ category: 'dining', median: 85, online: false, merchants: ['Haidilao 海底捞', 'Xibei 西贝莜面村', 'Starbucks 星巴克', 'Luckin 瑞幸咖啡', 'KFC 肯德基', 'Meituan 美团外卖'] }, 22],
  [{ category: 'transport', median: 35, online: false, merchants: ['Didi 滴滴出行', 'Metro 地铁', 'China Railway 12306', 'Sinopec 中国石化', 'PetroChina 中国石油'] }, 12],
  [{ category: 'utilities', median: 260, online: true, merchants: ['State Grid 国家电网', 'China Mobile 中国移动', 'China Unicom 中国联通', 'City Gas 燃气公司', 'Water Supply 自来水公司'] }, 6],
  [{ category: 'online_shopping', median: 230, online: true, merchants: ['Taobao 淘宝', 'JD.com 京东', 'Pinduoduo 拼多多', 'Tmall 天猫', 'Vipshop 唯品会'] }, 16],
  [{ category: 'shopping', median: 420, online: false, merchants: ['Uniqlo 优衣库', 'Wanda Plaza 万达广场', 'Suning 苏宁易购', 'IKEA 宜家', 'Apple Store'] }, 8],
  [{ category: 'entertainment', median: 150, online: true, merchants: ['Maoyan 猫眼电影', 'Tencent Video 腾讯视频', 'iQIYI 爱奇艺', 'Damai 大麦网'] }, 5],
  [{ category: 'healthcare', median: 300, online: false, merchants: ['City Hospital 市人民医院', 'Dashenlin Pharmacy 大参林', 'Yixintang 一心堂', 'iKang 爱康国宾'] }, 4],
  [{ category: 'education', median: 1500, online: true, merchants: ['New Oriental 新东方', 'TAL 好未来', 'Youdao 有道'] }, 2],
  [{ category: 'travel', median: 1600, online: true, merchants: ['Ctrip 携程', 'China Eastern 东方航空', 'Air China 中国国航', 'Huazhu 华住酒店', 'Fliggy 飞猪'] }, 3],
  [{ category: 'insurance', median: 1200, online: true, merchants: ['Ping An 中国平安', 'China Life 中国人寿', 'CPIC 太平洋保险'] }, 1.5],
];

export const spendTable: WeightedTable<SpendCategory> = weightedTable(DOMESTIC_SPEND);

/** Destinations of ordinary travel, with merchants a traveller uses there. */
export const TRAVEL_COUNTRIES: readonly (readonly [string, readonly string[], number])[] = [
  ['HK', ['Harbour City', 'Sasa', 'Maxim\'s', 'DFS Hong Kong'], 20],
  ['JP', ['Don Quijote', 'Uniqlo Ginza', 'Lawson', 'Bic Camera'], 18],
  ['TH', ['Central World', 'King Power', '7-Eleven Thailand'], 12],
  ['SG', ['ION Orchard', 'Marina Bay Sands', 'Changi DFS'], 8],
  ['KR', ['Lotte Duty Free', 'Olive Young', 'Shinsegae'], 10],
  ['US', ['Macy\'s', 'Walgreens', 'Marriott'], 6],
  ['GB', ['Harrods', 'Boots', 'Premier Inn'], 4],
  ['FR', ['Galeries Lafayette', 'Printemps', 'Sephora Paris'], 4],
  ['AU', ['Woolworths', 'David Jones', 'Chemist Warehouse'], 5],
  ['MY', ['Pavilion KL', 'Genting'], 4],
  ['MO', ['Venetian Macao', 'Galaxy Macau'], 6],
];
export const travelTable = weightedTable(TRAVEL_COUNTRIES.map((c) => [c, c[2]] as const));

/** Where regular remittances go (students abroad, family). */
export const REMITTANCE_COUNTRIES = weightedTable([['US', 30], ['GB', 20], ['AU', 18], ['CA', 15], ['SG', 8], ['JP', 5], ['DE', 4]] as const);

/** Far-away places none of the ordinary customers use: the injected anomalies go there. */
export const UNUSUAL_COUNTRIES = ['NG', 'BR', 'RU', 'ZA', 'MX', 'AR', 'KE', 'CO', 'UA', 'PE', 'PA', 'KY'] as const;

export const EMPLOYERS = [
  'Huawei 华为', 'Tencent 腾讯', 'Alibaba 阿里巴巴', 'State Grid 国家电网', 'Sinopec 中国石化', 'China Mobile 中国移动',
  'BYD 比亚迪', 'Midea 美的', 'ByteDance 字节跳动', 'City Hospital 市人民医院', 'Municipal Government 市政府',
  'No.1 Middle School 第一中学', 'Haier 海尔', 'Lenovo 联想', 'SF Express 顺丰速运', 'China Railway 中国中铁',
] as const;

export const HOUR_TABLE = weightedTable(
  [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.4, 1.2, 2.2, 2.6, 2.8, 3.2, 3.6, 3.0, 2.6, 2.5, 2.6, 2.9, 3.3, 3.4, 3.1, 2.5, 1.6, 0.8].map(
    (w, h) => [h, w] as const,
  ),
);
