import type { CampaignTargetsInput, ExportLink, ExportLinkIssuer } from '../../skills/campaign-targets';
import type { Language } from '../../skills/contracts';
import type { ExportSigner } from './signing';

/** The path the export route serves. */
export const EXPORT_PATH = '/exports';

/**
 * Issues `/exports/<token>` links. With `baseUrl` (the address staff reach the bot at, e.g. behind the
 * bank's SSO proxy) links are absolute, which Teams needs for Action.OpenUrl; without it they are paths,
 * which the local web chat page opens against its own origin.
 *
 * `nameOwnerInLink` (local development only, where nobody is authenticated anyway) appends
 * `?as=<staffId>` so the link opens from the web chat page; with Teams the bank's SSO proxy names the
 * requester instead and links carry no identity.
 */
export function createExportLinks(signer: ExportSigner, baseUrl?: string, options: { nameOwnerInLink?: boolean } = {}): ExportLinkIssuer {
  const base = baseUrl ? baseUrl.replace(/\/+$/, '') : '';
  return {
    issue(staffId: string, input: CampaignTargetsInput, language: Language): ExportLink {
      const { token, expiresAt } = signer.sign(staffId, input, language);
      const who = options.nameOwnerInLink ? `?as=${encodeURIComponent(staffId)}` : '';
      return { url: `${base}${EXPORT_PATH}/${token}${who}`, expiresAt };
    },
  };
}
