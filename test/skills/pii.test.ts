import { maskEmail, maskIdNumber, maskPhone, scrubPii, scrubPiiDeep } from '../../skills/pii';

describe('PII masking', () => {
  it('masks in the formats DESIGN.md fixes', () => {
    expect(maskIdNumber('110101199001011234')).toBe('110***********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskEmail('wang.wei@example.com')).toBe('w***@example.com');
  });

  it('scrubs identity numbers, mobiles and e-mails out of free text, and is idempotent', () => {
    const raw = 'ID 11010119900101123X, call 13812345678 or mail li.na@bank.example.cn; amount 50,000; C000123';
    const once = scrubPii(raw);
    expect(once).toBe('ID 110***********123X, call 138****5678 or mail l***@bank.example.cn; amount 50,000; C000123');
    expect(scrubPii(once)).toBe(once);
  });

  it('scrubs every string inside cards and results', () => {
    const out = scrubPiiDeep({ a: ['13812345678', { b: 'x@y.com' }], n: 13812345678 });
    expect(out).toEqual({ a: ['138****5678', { b: 'x***@y.com' }], n: 13812345678 });
  });
});
