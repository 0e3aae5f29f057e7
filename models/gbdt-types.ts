/**
 * Shared contracts of the gradient-boosted tree classifier: the fit options and the
 * plain, JSON-serialisable model. Kept apart from the code so binning, growth,
 * prediction, explanation and (de)serialisation can depend on them without cycles.
 */

/** Options of {@link fitGbdt}; defaults follow scikit-learn's HistGradientBoostingClassifier. */
export interface GbdtOptions {
  /** Boosting rounds (default 100). */
  maxIter?: number;
  /** Shrinkage applied to every leaf value (default 0.1). */
  learningRate?: number;
  /** Leaves per tree, grown best-first (default 31). */
  maxLeafNodes?: number;
  /** Maximum depth of a tree (default unlimited). */
  maxDepth?: number;
  /** Minimum training rows in a leaf (default 20). */
  minSamplesLeaf?: number;
  /** L2 penalty on leaf values (default 0). */
  l2Regularization?: number;
  /** Bins for non-missing values per feature, 2..255 (default 255); missing values get their own bin. */
  maxBins?: number;
  /**
   * Columns holding integer category codes (NaN or a negative code = missing). They get native
   * categorical splits (categories ordered by gradient/hessian ratio, as LightGBM and scikit-learn
   * do). A column with more distinct codes than `maxBins`, or codes above 65535, is treated as
   * ordinal instead; `model.categorical` records what was actually used.
   */
  categorical?: boolean[];
  /**
   * Stop when the validation log loss has not improved by 1e-7 for 10 rounds, with a stratified
   * 10 % validation split. `'auto'` (default) turns it on when there are more than 10,000 rows.
   */
  earlyStopping?: boolean | 'auto';
  /** Seed for the validation split and the binning subsample (default 0). */
  seed?: number;
}

/** Format tag written into every model; {@link GBDT_FORMAT_VERSION} changes when the layout does. */
export const GBDT_FORMAT = 'bank-copilot/gbdt';
export const GBDT_FORMAT_VERSION = 1;

/**
 * All trees of a model in one flat node table (index = node id). Children always have larger ids
 * than their parent, so a tree is a contiguous range starting at its root.
 */
export interface GbdtNodes {
  /** Split feature, or -1 for a leaf. */
  feature: number[];
  /** Numeric split: a value `x <= threshold` goes left. Unused (0) for categorical splits and leaves. */
  threshold: number[];
  /** 1 when missing values (and unseen categories) go left, else 0. */
  missingLeft: number[];
  /** Child ids, -1 for a leaf. */
  left: number[];
  right: number[];
  /** Leaf contribution to the log-odds (learning rate applied); for inner nodes the value it would have as a leaf. */
  value: number[];
  /** Training rows that reached the node (the cover used by TreeSHAP). */
  cover: number[];
  /** Categorical split: offset into `catBits` of the left-going category bitset, else -1. */
  catOffset: number[];
}

/** A fitted binary classifier. Treat it as immutable: predictions cache a compiled form of it. */
export interface GbdtModel {
  format: typeof GBDT_FORMAT;
  version: typeof GBDT_FORMAT_VERSION;
  nFeatures: number;
  /** Log-odds of the training prior; the raw margin of a row is baseline + sum of its leaf values. */
  baseline: number;
  learningRate: number;
  /** Features given native categorical splits (after the ordinal fallback). */
  categorical: boolean[];
  /** Per categorical feature: number of 32-bit words of its bitsets (codes 0 .. 32*words-1); 0 otherwise. */
  catWords: number[];
  /** Per categorical feature: the category codes seen in training, ascending; empty otherwise. */
  knownCategories: number[][];
  /** Root node id of each tree, ascending. */
  roots: number[];
  nodes: GbdtNodes;
  /** Category bitsets (unsigned 32-bit words) referenced by `nodes.catOffset`. */
  catBits: number[];
  /** Training diagnostics: log loss per round on the training (and validation) rows. */
  trainLoss: number[];
  validationLoss: number[];
}
