/** English and Chinese names of the countries customers transact in; other codes fall back to the code. */
const NAMES: Record<string, [string, string]> = {
  CN: ['China', '中国'], HK: ['Hong Kong', '中国香港'], MO: ['Macao', '中国澳门'], TW: ['Taiwan', '中国台湾'],
  JP: ['Japan', '日本'], KR: ['South Korea', '韩国'], TH: ['Thailand', '泰国'], SG: ['Singapore', '新加坡'],
  MY: ['Malaysia', '马来西亚'], US: ['the United States', '美国'], GB: ['the United Kingdom', '英国'], FR: ['France', '法国'],
  DE: ['Germany', '德国'], AU: ['Australia', '澳大利亚'], CA: ['Canada', '加拿大'], NG: ['Nigeria', '尼日利亚'],
  BR: ['Brazil', '巴西'], RU: ['Russia', '俄罗斯'], ZA: ['South Africa', '南非'], MX: ['Mexico', '墨西哥'],
  AR: ['Argentina', '阿根廷'], KE: ['Kenya', '肯尼亚'], CO: ['Colombia', '哥伦比亚'], UA: ['Ukraine', '乌克兰'],
  PE: ['Peru', '秘鲁'], PA: ['Panama', '巴拿马'], KY: ['the Cayman Islands', '开曼群岛'], AE: ['the United Arab Emirates', '阿联酋'],
  IT: ['Italy', '意大利'], ES: ['Spain', '西班牙'], NZ: ['New Zealand', '新西兰'], VN: ['Vietnam', '越南'], ID: ['Indonesia', '印度尼西亚'],
  PH: ['the Philippines', '菲律宾'], IN: ['India', '印度'], CH: ['Switzerland', '瑞士'],
};

export function countryName(code: string): { en: string; zh: string } {
  const n = NAMES[code.toUpperCase()];
  return n ? { en: n[0], zh: n[1] } : { en: code, zh: code };
}
