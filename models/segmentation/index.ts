/** Customer segmentation: pure model (fit / assign / (de)serialise) and the database step that runs it. */
export { SEGMENT_FEATURES, SEGMENT_FEATURE_KEYS, type SegmentFeatureKey } from './features';
export { kmeansFit, type KMeansFit, type KMeansOptions, type Matrix } from './kmeans';
export { silhouetteScore } from './silhouette';
export { nameSegments, type SegmentName } from './naming';
export {
  assignMatrix,
  assignSegment,
  fitSegmentation,
  selectK,
  DEFAULT_K_RANGE,
  type Segment,
  type SegmentAssignment,
  type SegmentationModel,
  type SegmentationOptions,
} from './model';
export type { SegmentProfile } from './profile';
export { deserialiseSegmentation, serialiseSegmentation } from './serialise';
export { runSegmentation, type RunSegmentationOptions, type SegmentationProgress, type SegmentationRunResult } from './run-segmentation';
export { customerSegment, loadSegmentation, type LoadedSegmentation } from './store';
