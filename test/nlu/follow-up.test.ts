import { parseFollowUp, parseOrdinal } from '../../bot/nlu';
import { parseChineseNumber } from '../../bot/nlu/chinese-numerals';

describe('parseOrdinal', () => {
  test.each([
    ['the second one', 2],
    ['second', 2],
    ['the first customer', 1],
    ['2nd', 2],
    ['3rd', 3],
    ['#3', 3],
    ['no. 4', 4],
    ['option 2', 2],
    ['2', 2],
    ['12', 12],
    ['第二个', 2],
    ['第3个', 3],
    ['第十位', 10],
    ['选2', 2],
    ['选第一个', 1],
    ['<at>Bank Copilot</at> 2', 2],
    ['２', 2],
  ])('%s -> %d', (text, n) => {
    expect(parseOrdinal(text)).toBe(n);
  });
  test.each(['hello', 'tell me about c123', 'top 25 for credit card', '0', '十', ''])('%s is not a pick', (text) => {
    expect(parseOrdinal(text)).toBeUndefined();
  });
});

describe('parseFollowUp', () => {
  test.each([
    ['why?', 'why'],
    ['Why is that', 'why'],
    ['how come', 'why'],
    ['explain', 'why'],
    ['为什么', 'why'],
    ['为什么是高风险？', 'why'],
    ['原因是什么', 'why'],
    ['export it', 'export'],
    ['download as csv', 'export'],
    ['send me the list', 'export'],
    ['导出', 'export'],
    ['导出excel', 'export'],
    ['only Shanghai', 'refine'],
    ['只要上海的', 'refine'],
    ['exclude high churn', 'refine'],
    ['top 50 instead', 'refine'],
    ['what about Beijing', 'refine'],
    ['北京的呢', 'refine'],
    ['排除高流失', 'refine'],
    ['ok, only band A', 'refine'],
  ])('%s -> %s', (text, kind) => {
    expect(parseFollowUp(text)).toBe(kind);
  });
  test.each(['tell me about c123', '你好', 'top 25 for credit card in Shanghai', ''])('%s is not a follow-up', (text) => {
    expect(parseFollowUp(text)).toBeUndefined();
  });
});

describe('parseChineseNumber', () => {
  test.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['两百', 200],
    ['三千五百', 3500],
    ['两百万', 2_000_000],
    ['一亿', 100_000_000],
  ])('%s -> %d', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });
  test('non-numerals are undefined', () => {
    expect(parseChineseNumber('客户')).toBeUndefined();
    expect(parseChineseNumber('')).toBeUndefined();
  });
});
