import type { Language } from '../contracts';

/**
 * Where the bot serves chart images. Skills ask for a link and put it in the card; the HTTP edge
 * (bot/charts-route.ts) renders the picture when the chat client fetches it. Links are absolute,
 * because Teams fetches card images from its own servers.
 */
export interface ChartLinks {
  /** The segment overview chart of one stored segmentation, labelled in `language`. */
  segmentOverview(modelVersion: string, language: Language): string;
}
