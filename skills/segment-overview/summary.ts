import type { CurrentSegments } from '../../data/repositories/segment-repository';
import type { Language } from '../contracts';

/** One segment as the overview reports it, in the user's language. */
export interface SegmentSummary {
  segmentId: number;
  name: string;
  description: string;
  /** Customers assigned to the segment now. */
  size: number;
  /** size / all segmented customers, 0..1 */
  share: number;
  meanAge: number;
  /** CNY */
  meanAssets: number;
  meanProducts: number;
  /** Share of transactions on mobile/online, 0..1 */
  digitalShare: number;
  /** Share of transactions abroad, 0..1 */
  crossBorderShare: number;
}

/**
 * Sizes come from the stored assignments (so they add up to the customers segmented today); the profile
 * (means) from the training run. Before any assignment is stored the training sizes are used.
 * Largest segment first, so the table and the chart read the same way.
 */
export function summariseSegments(current: CurrentSegments, lang: Language): SegmentSummary[] {
  const assignedTotal = [...current.assigned.values()].reduce((a, b) => a + b, 0);
  const sizes = current.segments.map((s) => (assignedTotal > 0 ? (current.assigned.get(s.segmentId) ?? 0) : s.profile.size));
  const total = sizes.reduce((a, b) => a + b, 0);
  const out = current.segments.map((s, i) => ({
    segmentId: s.segmentId,
    name: lang === 'zh' ? s.nameZh : s.nameEn,
    description: lang === 'zh' ? s.descriptionZh : s.descriptionEn,
    size: sizes[i]!,
    share: total > 0 ? sizes[i]! / total : 0,
    meanAge: s.profile.meanAge,
    meanAssets: s.profile.meanAssets,
    meanProducts: s.profile.meanProducts,
    digitalShare: s.profile.digitalShare,
    crossBorderShare: s.profile.crossBorderShare,
  }));
  return out.sort((a, b) => b.size - a.size || a.segmentId - b.segmentId);
}
