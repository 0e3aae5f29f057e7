/**
 * Adaptive Card 1.5 building blocks (what Teams renders). Cards are plain JSON; skills compose them
 * from these helpers so that every answer looks the same and stays well under Teams' 28 KB limit.
 */

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true };
}

export function subtle(text: string): CardElement {
  return { type: 'TextBlock', text, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' };
}

export function paragraph(text: string, options: { color?: 'Attention' | 'Warning' | 'Good' | 'Accent' } = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...(options.color ? { color: options.color } : {}) };
}

export function section(title: string): CardElement {
  return { type: 'TextBlock', text: title, weight: 'Bolder', spacing: 'Medium', separator: true, wrap: true };
}

export function facts(pairs: ReadonlyArray<readonly [string, string]>): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

export function bullets(lines: readonly string[]): CardElement {
  return { type: 'TextBlock', text: lines.map((l) => `- ${l}`).join('\n'), wrap: true };
}

/** A compact table: a header row and data rows, as an Adaptive Card 1.5 Table. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): CardElement {
  const cell = (text: string, bold = false): CardElement => ({
    type: 'TableCell',
    items: [{ type: 'TextBlock', text, wrap: true, ...(bold ? { weight: 'Bolder' } : {}) }],
  });
  return {
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: false,
    columns: headers.map(() => ({ width: 1 })),
    rows: [
      { type: 'TableRow', cells: headers.map((h) => cell(h, true)) },
      ...rows.map((r) => ({ type: 'TableRow', cells: r.map((c) => cell(c)) })),
    ],
  };
}

/** A button that sends `data` back to the bot as the activity's `value` (a card click). */
export function submitAction(title: string, data: Record<string, unknown>): CardElement {
  return { type: 'Action.Submit', title, data };
}

export function image(url: string, altText: string): CardElement {
  return { type: 'Image', url, altText, size: 'Stretch' };
}

/** Serialised size in bytes, to keep cards under the channel limit. */
export function cardBytes(c: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}
