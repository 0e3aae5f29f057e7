import type { CampaignRepository } from '../../data/repositories/campaign-repository';
import type { Language } from '../contracts';
import type { CampaignTargetsInput } from './input';

/** A signed, expiring download link for a campaign list, issued for one member of staff. */
export interface ExportLink {
  /** Absolute when the server knows its public address, otherwise a path (`/exports/<token>`). */
  url: string;
  expiresAt: string;
}

/** Issues export links; the HTTP edge (bot/exports) verifies them and serves the CSV. */
export interface ExportLinkIssuer {
  issue(staffId: string, input: CampaignTargetsInput, language: Language): ExportLink;
}

/** What the campaign skill needs besides the common services. */
export interface CampaignServices {
  readonly repository: CampaignRepository;
  /** Absent when exports are switched off: the card then has no export button. */
  readonly exportLinks?: ExportLinkIssuer;
}
