import { detectLanguage, normalizeMessage, stripMarkup, toHalfWidth } from '../../bot/nlu/normalize';

describe('message normalisation', () => {
  test('strips a leading Teams mention', () => {
    expect(normalizeMessage('<at>Bank Copilot</at> who is c1').text).toBe('who is c1');
  });
  test('strips a mention anywhere and other HTML', () => {
    expect(normalizeMessage('hey <at>Bank Copilot</at>, <b>help</b>&nbsp;me<br/>').text).toBe('hey , help me');
  });
  test('decodes entities', () => {
    expect(stripMarkup('a &amp; b &lt;c&gt;')).toBe('a & b <c>');
  });
  test('folds full-width letters, digits and punctuation', () => {
    expect(toHalfWidth('ＴＯＰ　２５，ｃ１２３')).toBe('TOP 25,c123');
  });
  test('keeps the original case and a lower-cased copy of the same length', () => {
    const m = normalizeMessage('  Tell me about   Wang Wei ');
    expect(m.text).toBe('Tell me about Wang Wei');
    expect(m.lower).toBe('tell me about wang wei');
  });
  test.each([
    ['hello', 'en'],
    ['HOW MANY CUSTOMERS', 'en'],
    ['你好', 'zh'],
    ['show 王芳 profile', 'zh'],
    ['<at>Bank Copilot</at> 帮助', 'zh'],
  ])('language of %s is %s', (text, lang) => {
    expect(normalizeMessage(text).language).toBe(lang);
    expect(detectLanguage(normalizeMessage(text).text)).toBe(lang);
  });
  test('rejects non-strings', () => {
    expect(() => normalizeMessage(42 as unknown as string)).toThrow(TypeError);
  });
});
