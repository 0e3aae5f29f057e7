/** Kinds of text spans the extractors claim. */
export type SpanKind =
  | 'customerId'
  | 'customerName'
  | 'city'
  | 'product'
  | 'limit'
  | 'age'
  | 'amount'
  | 'days'
  | 'churnRisk'
  | 'creditRiskBand';

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: SpanKind;
}

const FILL = '\u0001';

/**
 * The lower-cased message with the parts already read by an extractor blanked out, so that a
 * later extractor cannot read them again (the digits of `C000123` are not an amount, `苏州` is a
 * city and not a person surnamed 苏). Blanking keeps indices aligned with the original text.
 */
export class SpanMask {
  private current: string;
  private readonly claimed: Span[] = [];

  constructor(readonly lower: string) {
    this.current = lower;
  }

  /** The text still unclaimed (claimed characters are \u0001). */
  get text(): string {
    return this.current;
  }

  get spans(): readonly Span[] {
    return this.claimed;
  }

  claim(start: number, end: number, kind: SpanKind): void {
    if (start < 0 || end > this.current.length || start >= end) throw new RangeError(`bad span ${start}..${end}`);
    this.current = this.current.slice(0, start) + FILL.repeat(end - start) + this.current.slice(end);
    this.claimed.push({ start, end, kind });
  }

  /** Runs a global regex over the unclaimed text; `pick` returns the span to claim or undefined to skip. */
  scan(re: RegExp, kind: SpanKind, pick: (m: RegExpExecArray) => boolean | [number, number]): void {
    if (!re.global) throw new Error('scan needs a global regex');
    const matches = [...this.current.matchAll(re)];
    for (const m of matches) {
      const start = m.index;
      const end = start + m[0].length;
      // A previous match in this scan may have claimed part of it.
      if (this.current.slice(start, end).includes(FILL)) continue;
      const r = pick(m as RegExpExecArray);
      if (r === false) continue;
      const [s, e] = r === true ? [start, end] : r;
      this.claim(s, e, kind);
    }
  }
}
