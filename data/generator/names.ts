import { weightedTable, type Rng, type WeightedTable } from './prng';

/**
 * Chinese personal names with pinyin, weighted roughly like real frequency so that common names
 * (王伟, 李娜, 张伟 …) repeat in a bank of a few thousand customers — the bot must handle
 * "which 王伟?" correctly. Compound surnames are deliberately absent from the random pool, so a
 * fixed customer can carry a name that is guaranteed to be unique (see README.md).
 */

export interface PersonName {
  readonly name: string;
  readonly pinyin: string; // "Wang Wei"
  /** Pinyin without spaces or tones, lower case, for e-mail addresses: "wangwei". */
  readonly handle: string;
}

type Entry = readonly [string, string, number];

const SURNAMES: readonly Entry[] = [
  ['王', 'Wang', 7.1], ['李', 'Li', 7.0], ['张', 'Zhang', 6.7], ['刘', 'Liu', 5.4], ['陈', 'Chen', 4.5],
  ['杨', 'Yang', 3.1], ['黄', 'Huang', 2.2], ['赵', 'Zhao', 2.0], ['吴', 'Wu', 1.9], ['周', 'Zhou', 1.9],
  ['徐', 'Xu', 1.5], ['孙', 'Sun', 1.5], ['马', 'Ma', 1.4], ['朱', 'Zhu', 1.3], ['胡', 'Hu', 1.3],
  ['郭', 'Guo', 1.2], ['何', 'He', 1.2], ['高', 'Gao', 1.1], ['林', 'Lin', 1.1], ['罗', 'Luo', 0.9],
  ['郑', 'Zheng', 0.9], ['梁', 'Liang', 0.9], ['谢', 'Xie', 0.8], ['宋', 'Song', 0.8], ['唐', 'Tang', 0.7],
  ['许', 'Xu', 0.7], ['韩', 'Han', 0.7], ['冯', 'Feng', 0.7], ['邓', 'Deng', 0.7], ['曹', 'Cao', 0.6],
  ['彭', 'Peng', 0.6], ['曾', 'Zeng', 0.6], ['肖', 'Xiao', 0.6], ['田', 'Tian', 0.5], ['董', 'Dong', 0.5],
  ['袁', 'Yuan', 0.5], ['潘', 'Pan', 0.5], ['于', 'Yu', 0.5], ['蒋', 'Jiang', 0.5], ['蔡', 'Cai', 0.5],
  ['余', 'Yu', 0.4], ['杜', 'Du', 0.4], ['叶', 'Ye', 0.4], ['程', 'Cheng', 0.4], ['苏', 'Su', 0.4],
  ['魏', 'Wei', 0.4], ['吕', 'Lü', 0.4], ['丁', 'Ding', 0.4], ['任', 'Ren', 0.4], ['沈', 'Shen', 0.4],
];

const MALE_GIVEN: readonly Entry[] = [
  ['伟', 'Wei', 6], ['强', 'Qiang', 3], ['磊', 'Lei', 3], ['军', 'Jun', 3], ['洋', 'Yang', 2.5],
  ['勇', 'Yong', 2.5], ['杰', 'Jie', 2.5], ['涛', 'Tao', 2.2], ['斌', 'Bin', 2], ['超', 'Chao', 2],
  ['明', 'Ming', 2], ['刚', 'Gang', 1.8], ['平', 'Ping', 1.6], ['辉', 'Hui', 1.6], ['鹏', 'Peng', 1.5],
  ['浩', 'Hao', 1.5], ['宇', 'Yu', 1.4], ['俊杰', 'Junjie', 1.2], ['建华', 'Jianhua', 1.2], ['志强', 'Zhiqiang', 1.1],
  ['建国', 'Jianguo', 1], ['晓东', 'Xiaodong', 1], ['国强', 'Guoqiang', 1], ['文博', 'Wenbo', 0.8], ['子轩', 'Zixuan', 0.8],
  ['浩然', 'Haoran', 0.8], ['宇轩', 'Yuxuan', 0.7], ['海峰', 'Haifeng', 0.7], ['志明', 'Zhiming', 0.6], ['永红', 'Yonghong', 0.5],
];

const FEMALE_GIVEN: readonly Entry[] = [
  ['娜', 'Na', 5], ['芳', 'Fang', 4], ['敏', 'Min', 3.5], ['静', 'Jing', 3.5], ['丽', 'Li', 3],
  ['艳', 'Yan', 2.5], ['娟', 'Juan', 2.2], ['霞', 'Xia', 2], ['秀英', 'Xiuying', 2], ['婷', 'Ting', 2],
  ['雪', 'Xue', 1.8], ['玲', 'Ling', 1.8], ['桂英', 'Guiying', 1.5], ['丹', 'Dan', 1.5], ['萍', 'Ping', 1.4],
  ['红', 'Hong', 1.4], ['欣怡', 'Xinyi', 1.2], ['梓涵', 'Zihan', 1.1], ['诗涵', 'Shihan', 1], ['雨桐', 'Yutong', 1],
  ['晓燕', 'Xiaoyan', 1], ['秀兰', 'Xiulan', 1], ['慧', 'Hui', 1], ['颖', 'Ying', 1], ['佳怡', 'Jiayi', 0.9],
  ['倩', 'Qian', 0.9], ['淑华', 'Shuhua', 0.7], ['海燕', 'Haiyan', 0.7], ['思琪', 'Siqi', 0.7], ['若汐', 'Ruoxi', 0.5],
];

const toTable = (entries: readonly Entry[]): WeightedTable<Entry> => weightedTable(entries.map((e) => [e, e[2]] as const));
const surnameTable = toTable(SURNAMES);
const maleTable = toTable(MALE_GIVEN);
const femaleTable = toTable(FEMALE_GIVEN);

export function makeName(surname: string, surnamePinyin: string, given: string, givenPinyin: string): PersonName {
  return {
    name: surname + given,
    pinyin: `${surnamePinyin} ${givenPinyin}`,
    handle: (surnamePinyin + givenPinyin).toLowerCase().replace(/ü/g, 'v'),
  };
}

/** A random common name for the given gender (`F` | `M`). */
export function drawName(rng: Rng, gender: 'F' | 'M'): PersonName {
  const s = rng.weighted(surnameTable);
  const g = rng.weighted(gender === 'M' ? maleTable : femaleTable);
  return makeName(s[0], s[1], g[0], g[1]);
}
