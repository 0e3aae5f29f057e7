/** The segmentation tables of migration 0003, for typed queries via `db.withTables<SegmentationTables>()`. */
export type SegmentationTables = {
  segmentation_models: { model_version: string; trained_at: string; as_of: string; model: string };
  segments: {
    model_version: string;
    segment_id: number;
    name_en: string;
    name_zh: string;
    description_en: string;
    description_zh: string;
    profile: string;
  };
  customer_segments: { customer_id: string; segment_id: number; model_version: string; distance: number };
};
