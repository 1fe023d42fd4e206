/**
 * Pairwise subject identifiers (SGID-PROTOCOL.md §1, §5): the same person gets a different, stable,
 * opaque `sub` at each client, so two relying parties cannot correlate their users by `sub`.
 * HMAC-SHA256 over (client id, NRIC) with a persisted secret: deterministic, not reversible.
 */
import { createHmac } from 'node:crypto';

/** The `sub` of `nric` as seen by `clientId`. */
export function derivePairwiseSub(secret: Buffer, clientId: string, nric: string): string {
  // A separator that cannot occur in either part keeps ("ab","c") and ("a","bc") apart.
  return createHmac('sha256', secret).update(`${clientId}\u0000${nric}`).digest('base64url').slice(0, 32);
}
