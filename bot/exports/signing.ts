import crypto from 'node:crypto';
import { z } from 'zod';
import { campaignTargetsInput, type CampaignTargetsInput } from '../../skills/campaign-targets';
import type { Language } from '../../skills/contracts';

/** How long an export link stays valid. */
export const EXPORT_LINK_TTL_MS = 24 * 60 * 60 * 1000;

const payloadSchema = z.object({
  v: z.literal(1),
  staffId: z.string().min(1).max(64),
  language: z.enum(['en', 'zh']),
  input: campaignTargetsInput,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});

/** What an export token carries: who may download, which list (the filters, never the rows), until when. */
export type ExportPayload = z.infer<typeof payloadSchema>;

export type VerifyResult =
  | { ok: true; payload: ExportPayload }
  /** not a token at all (404), a token whose signature does not match (403), or an expired one (410) */
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const TOKEN = /^([A-Za-z0-9_-]{16,4096})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signs and verifies export tokens: `base64url(JSON payload) . base64url(HMAC-SHA256(secret, first part))`.
 * The signature is compared in constant time and checked before anything in the payload is trusted,
 * so a changed expiry or staff id is a bad signature, not a different request.
 */
export class ExportSigner {
  private readonly key: Buffer;
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(secret: string, options: { now?: () => number; ttlMs?: number } = {}) {
    if (Buffer.byteLength(secret, 'utf8') < 32) throw new Error('The export signing secret must be at least 32 bytes: set EXPORT_SIGNING_SECRET to a long random string');
    this.key = Buffer.from(secret, 'utf8');
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? EXPORT_LINK_TTL_MS;
  }

  sign(staffId: string, input: CampaignTargetsInput, language: Language): { token: string; expiresAt: string } {
    const created = this.now();
    const payload: ExportPayload = {
      v: 1,
      staffId,
      language,
      input,
      createdAt: new Date(created).toISOString(),
      expiresAt: new Date(created + this.ttlMs).toISOString(),
    };
    const body = Buffer.from(JSON.stringify(payloadSchema.parse(payload)), 'utf8').toString('base64url');
    return { token: `${body}.${this.mac(body).toString('base64url')}`, expiresAt: payload.expiresAt };
  }

  verify(token: string): VerifyResult {
    const m = TOKEN.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, body, signature] = m as unknown as [string, string, string];
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      // Signed by us yet not JSON can only come from a different token format: treat as unknown.
      return { ok: false, reason: 'malformed' };
    }
    const payload = payloadSchema.safeParse(parsed);
    if (!payload.success) return { ok: false, reason: 'malformed' };
    if (Date.parse(payload.data.expiresAt) <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, payload: payload.data };
  }

  private mac(body: string): Buffer {
    return crypto.createHmac('sha256', this.key).update(body, 'utf8').digest();
  }
}

/** A fresh random secret for when none is configured: links then stop working when the process restarts. */
export function randomSigningSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
