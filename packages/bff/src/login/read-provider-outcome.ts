/**
 * What a provider's `?error=` redirect means for the person (RFC 6749 §4.1.2.1; SGID-PROTOCOL.md §3.1):
 * - `access_denied` is the person's answer, told apart by `error_description`: the QR code expired
 *   ("expired", "timed out") → `BFF_LOGIN_TIMED_OUT`; the login was cancelled ("cancel") →
 *   `BFF_LOGIN_CANCELLED`; anything else is a decline → `BFF_LOGIN_DECLINED`;
 * - every other `error` (`server_error`, `temporarily_unavailable`, `invalid_request`, …) is the
 *   provider's or the registration's fault → `BFF_PROVIDER_ERROR`.
 * The description is read only to classify; it is never shown, logged only shortened.
 */
import type { BffErrorCode } from '../errors';

/** How the SPA is told: `?login=<outcome>` next to `?error=<code>`. */
export type LoginOutcome = 'declined' | 'expired' | 'cancelled' | 'failed';

export function readProviderOutcome(error: string, description: string | undefined): BffErrorCode {
  if (error !== 'access_denied') return 'BFF_PROVIDER_ERROR';
  const text = description ?? '';
  if (/\bexpired?\b|\btimed?[ -]?out\b/i.test(text)) return 'BFF_LOGIN_TIMED_OUT';
  if (/\bcancel/i.test(text)) return 'BFF_LOGIN_CANCELLED';
  return 'BFF_LOGIN_DECLINED';
}

/** The outcome word for a failed login's code. */
export function outcomeOf(code: BffErrorCode): LoginOutcome {
  switch (code) {
    case 'BFF_LOGIN_DECLINED':
      return 'declined';
    case 'BFF_LOGIN_TIMED_OUT':
      return 'expired';
    case 'BFF_LOGIN_CANCELLED':
      return 'cancelled';
    default:
      return 'failed';
  }
}
