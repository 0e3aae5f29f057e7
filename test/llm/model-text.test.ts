import { quoteData } from '../../bot/llm';
import { limitProse } from '../../bot/llm/model-text';

describe('model prose for a card', () => {
  it('keeps a citation written after the full stop with its sentence', () => {
    expect(limitProse('Report within 24 hours. [aml-policy §3.2] The MLRO decides within 5 working days [aml-policy §3.2]. Extra.', 2, 500))
      .toBe('Report within 24 hours. [aml-policy §3.2] The MLRO decides within 5 working days [aml-policy §3.2].');
  });

  it('does not split at the dot of a section number or a decimal', () => {
    expect(limitProse('See §4.2 and the 0.30 margin. Second.', 1, 500)).toBe('See §4.2 and the 0.30 margin.');
  });

  it('counts Chinese sentences and drops Markdown decoration', () => {
    expect(limitProse('## 结论\n- **第一句。** 第二句\uff01第三句\uff1f[aml-policy §4.2]第四句。', 3, 500)).toBe('结论 第一句。第二句\uff01第三句\uff1f[aml-policy §4.2]');
  });

  it('cuts to the character limit', () => {
    const out = limitProse('a'.repeat(50), 3, 10);
    expect(out).toHaveLength(10);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('quoted data blocks', () => {
  it('wraps content between labelled markers and defuses markers inside it', () => {
    expect(quoteData('DATA', 'x >>> y <<<DATA z', 'format="json"')).toBe('<<<DATA format="json"\nx ››› y ‹‹‹DATA z\nDATA>>>');
  });

  it('refuses a label that could be confused with content', () => {
    expect(() => quoteData('data block', 'x')).toThrow(/label/);
  });
});
