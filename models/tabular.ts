/**
 * Tabular data for model evaluation: CSV parsing, column typing and feature encoders.
 *
 * A data set is any CSV with a header, a 0/1 `target` column and an integer `fold` column; every
 * other column is a feature whose type is inferred from its values, so the same code evaluates
 * files it has never seen. Encoders are fitted on training rows only and then applied to any rows.
 */
import { readFileSync } from 'node:fs';
import type { DenseMatrix } from './logistic';

export type FeatureKind = 'numeric' | 'categorical';

/** Numeric feature; NaN marks a missing value. */
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}

/** Categorical feature; null marks a missing value. */
export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  values: (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface TabularDataset {
  columns: Column[];
  /** 0/1 outcome, 1 = the bad outcome. */
  target: Uint8Array;
  /** Cross-validation fold of each row, 0..folds−1. */
  fold: Int32Array;
  folds: number;
  rows: number;
}

export interface ParsedCsv {
  header: string[];
  rows: string[][];
}

/**
 * Splits CSV text into fields. Handles double-quoted fields (with "" as an escaped quote, commas
 * and line breaks inside quotes), \n and \r\n line endings, and ignores blank lines.
 */
export function parseCsv(text: string): ParsedCsv {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let fieldWasQuoted = false;
  const endField = () => {
    record.push(fieldWasQuoted ? field : field.trim());
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
      inQuotes = true;
      fieldWasQuoted = true;
      field = '';
    } else if (c === ',') endField();
    else if (c === '\n') endRecord();
    else if (c === '\r') {
      if (text[i + 1] !== '\n') endRecord();
    } else field += c;
  }
  if (inQuotes) throw new Error('parseCsv: a quoted field is not closed before the end of the file');
  if (field !== '' || record.length > 0) endRecord();
  if (records.length === 0) throw new Error('parseCsv: the file is empty');
  const [header, ...rows] = records;
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new Error(`parseCsv: data row ${i + 1} has ${r.length} fields but the header has ${header.length}`);
    }
  });
  return { header, rows };
}

/** A value counts as numeric when it parses completely as a finite number. */
function parseNumber(v: string): number {
  return v === '' ? NaN : Number(v);
}

export interface DatasetOptions {
  targetColumn?: string;
  foldColumn?: string;
}

/**
 * Builds a data set from parsed CSV. A feature column is numeric when every non-empty value parses
 * as a finite number, categorical otherwise; empty cells are missing values.
 */
export function datasetFromCsv(csv: ParsedCsv, options: DatasetOptions = {}): TabularDataset {
  const targetName = options.targetColumn ?? 'target';
  const foldName = options.foldColumn ?? 'fold';
  const { header, rows } = csv;
  const ti = header.indexOf(targetName);
  const fi = header.indexOf(foldName);
  if (ti < 0) throw new Error(`dataset: no "${targetName}" column; the header is ${header.join(',')}`);
  if (fi < 0) throw new Error(`dataset: no "${foldName}" column; add a fold column (0-4) for cross-validation`);
  if (rows.length === 0) throw new Error('dataset: the file has a header but no rows');
  const n = rows.length;
  const target = new Uint8Array(n);
  const fold = new Int32Array(n);
  let folds = 0;
  for (let r = 0; r < n; r++) {
    const t = rows[r][ti];
    const tv = t === '' ? NaN : Number(t); // "1", "1.0" and "1e0" all mean 1
    if (tv !== 0 && tv !== 1) throw new Error(`dataset: row ${r + 1} has ${targetName}="${t}", expected 0 or 1`);
    target[r] = tv;
    const f = Number(rows[r][fi]);
    if (!Number.isInteger(f) || f < 0) throw new Error(`dataset: row ${r + 1} has ${foldName}="${rows[r][fi]}", expected an integer >= 0`);
    fold[r] = f;
    folds = Math.max(folds, f + 1);
  }
  const columns: Column[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === ti || c === fi) continue;
    const name = header[c];
    let numeric = true;
    const nums = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = parseNumber(rows[r][c]);
      if (rows[r][c] !== '' && !Number.isFinite(v)) {
        numeric = false;
        break;
      }
      nums[r] = v;
    }
    if (numeric) columns.push({ name, kind: 'numeric', values: nums });
    else columns.push({ name, kind: 'categorical', values: rows.map((row) => (row[c] === '' ? null : row[c])) });
  }
  if (columns.length === 0) throw new Error('dataset: no feature columns besides target and fold');
  return { columns, target, fold, folds, rows: n };
}

export function loadCsvDataset(path: string, options: DatasetOptions = {}): TabularDataset {
  return datasetFromCsv(parseCsv(readFileSync(path, 'utf8')), options);
}

/** Row indices for training (fold ≠ k) and testing (fold = k). */
export function foldSplit(ds: TabularDataset, k: number): { train: Uint32Array; test: Uint32Array } {
  let nTest = 0;
  for (let i = 0; i < ds.rows; i++) if (ds.fold[i] === k) nTest++;
  if (nTest === 0) throw new Error(`foldSplit: fold ${k} has no rows`);
  const train = new Uint32Array(ds.rows - nTest);
  const test = new Uint32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < ds.rows; i++) {
    if (ds.fold[i] === k) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

export function pick(values: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** Distinct non-missing categories ordered by training frequency (desc), ties alphabetically. */
function categoriesByFrequency(values: (string | null)[], rows: ArrayLike<number>): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[0]);
}

function checkColumns(names: string[], columns: Column[], who: string): void {
  if (names.length !== columns.length || names.some((n, i) => columns[i].name !== n)) {
    throw new Error(`${who}: columns [${columns.map((c) => c.name).join(', ')}] do not match the fitted [${names.join(', ')}]`);
  }
}

export type LinearFeature =
  | { name: string; kind: 'numeric'; mean: number; scale: number }
  | { name: string; kind: 'categorical'; categories: string[] };

/** One-hot + standardisation encoder for linear models. */
export interface LinearEncoder {
  features: LinearFeature[];
  /** Number of encoded columns. */
  width: number;
  /** Names of the encoded columns, e.g. `age`, `purpose=A43`. */
  outputNames: string[];
}

/**
 * Fits on the given training rows: numerics are centred and scaled by their (population) standard
 * deviation, missing numerics become the training mean (0 after scaling); categoricals get one
 * indicator per training category, and unseen or missing categories encode as all zeros.
 */
export function fitLinearEncoder(columns: Column[], rows: ArrayLike<number>): LinearEncoder {
  if (rows.length === 0) throw new Error('fitLinearEncoder: no training rows');
  const features: LinearFeature[] = [];
  const outputNames: string[] = [];
  for (const col of columns) {
    if (col.kind === 'numeric') {
      let s = 0;
      let m = 0;
      for (let i = 0; i < rows.length; i++) {
        const v = col.values[rows[i]];
        if (!Number.isNaN(v)) {
          s += v;
          m++;
        }
      }
      const mu = m > 0 ? s / m : 0;
      let ss = 0;
      for (let i = 0; i < rows.length; i++) {
        const v = col.values[rows[i]];
        if (!Number.isNaN(v)) ss += (v - mu) ** 2;
      }
      const sd = m > 0 ? Math.sqrt(ss / m) : 0;
      // a constant column carries no information; scale 1 keeps it at 0 instead of dividing by 0
      features.push({ name: col.name, kind: 'numeric', mean: mu, scale: sd > 0 ? sd : 1 });
      outputNames.push(col.name);
    } else {
      const categories = categoriesByFrequency(col.values, rows);
      features.push({ name: col.name, kind: 'categorical', categories });
      for (const c of categories) outputNames.push(`${col.name}=${c}`);
    }
  }
  return { features, width: outputNames.length, outputNames };
}

export function transformLinear(enc: LinearEncoder, columns: Column[], rows: ArrayLike<number>): DenseMatrix {
  checkColumns(enc.features.map((f) => f.name), columns, 'transformLinear');
  const n = rows.length;
  const w = enc.width;
  const data = new Float64Array(n * w);
  let offset = 0;
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c];
    const f = enc.features[c];
    if (col.kind === 'numeric' && f.kind === 'numeric') {
      for (let i = 0; i < n; i++) {
        const v = col.values[rows[i]];
        data[i * w + offset] = Number.isNaN(v) ? 0 : (v - f.mean) / f.scale;
      }
      offset++;
    } else if (col.kind === 'categorical' && f.kind === 'categorical') {
      const index = new Map(f.categories.map((cat, j) => [cat, j]));
      for (let i = 0; i < n; i++) {
        const v = col.values[rows[i]];
        const j = v === null ? undefined : index.get(v);
        if (j !== undefined) data[i * w + offset + j] = 1;
      }
      offset += f.categories.length;
    } else {
      throw new Error(`transformLinear: column ${col.name} is ${col.kind} but was fitted as ${f.kind}`);
    }
  }
  return { data, rows: n, cols: w };
}

export type CodeFeature = { name: string; kind: 'numeric' } | { name: string; kind: 'categorical'; categories: string[] };

/** Integer-code encoder for tree models. */
export interface CodeEncoder {
  features: CodeFeature[];
  /** true where the encoded column holds category codes. */
  categorical: boolean[];
}

/**
 * Fits on training rows: numerics pass through (NaN = missing); each categorical value becomes its
 * rank by training frequency (0 = most frequent); unseen or missing values become NaN.
 */
export function fitCodeEncoder(columns: Column[], rows: ArrayLike<number>): CodeEncoder {
  if (rows.length === 0) throw new Error('fitCodeEncoder: no training rows');
  const features: CodeFeature[] = columns.map((col) =>
    col.kind === 'numeric'
      ? { name: col.name, kind: 'numeric' }
      : { name: col.name, kind: 'categorical', categories: categoriesByFrequency(col.values, rows) },
  );
  return { features, categorical: features.map((f) => f.kind === 'categorical') };
}

/** Encodes rows as plain arrays (the tree learner's input format), one array per row. */
export function transformCodes(enc: CodeEncoder, columns: Column[], rows: ArrayLike<number>): number[][] {
  checkColumns(enc.features.map((f) => f.name), columns, 'transformCodes');
  const n = rows.length;
  const p = columns.length;
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = new Array<number>(p);
  for (let c = 0; c < p; c++) {
    const col = columns[c];
    const f = enc.features[c];
    if (col.kind === 'numeric' && f.kind === 'numeric') {
      for (let i = 0; i < n; i++) out[i][c] = col.values[rows[i]];
    } else if (col.kind === 'categorical' && f.kind === 'categorical') {
      const index = new Map(f.categories.map((cat, j) => [cat, j]));
      for (let i = 0; i < n; i++) {
        const v = col.values[rows[i]];
        out[i][c] = (v === null ? undefined : index.get(v)) ?? NaN;
      }
    } else {
      throw new Error(`transformCodes: column ${col.name} is ${col.kind} but was fitted as ${f.kind}`);
    }
  }
  return out;
}
