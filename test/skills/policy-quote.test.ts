import { excerpt } from '../../skills/policy-quote';

describe('policy excerpts', () => {
  it('reads tables as rows of cells, without headings or rule lines', () => {
    const text = [
      '## 3.2 Approval authority',
      'Credit authority depends on the band.',
      '',
      '| Approver | Bands A–B | Band C |',
      '| --- | --- | --- |',
      '| Relationship manager | up to CNY 200,000 | not allowed |',
    ].join('\n');
    expect(excerpt(text, 500)).toBe(
      'Credit authority depends on the band. Approver · Bands A–B · Band C; Relationship manager · up to CNY 200,000 · not allowed;',
    );
  });

  it('cuts long text at a sentence end and marks the cut', () => {
    const text = 'First sentence is here. Second sentence is a little longer than the first one. Third.';
    expect(excerpt(text, 50)).toBe('First sentence is here. …');
  });
});
