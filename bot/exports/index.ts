/**
 * Signed, expiring CSV exports of campaign lists: the signer, the link issuer the skill uses, and the
 * HTTP route that serves them.
 */
export { ExportSigner, randomSigningSecret, EXPORT_LINK_TTL_MS, type ExportPayload, type VerifyResult } from './signing';
export { createExportLinks, EXPORT_PATH } from './links';
export { registerExportRoutes, type ExportRouteDeps } from './route';
export { campaignCsv, csvCell } from './csv';
