/**
 * Times every call to sgID for `sgid_bff_provider_call_duration_seconds`, by endpoint (token, userinfo,
 * jwks) and outcome (HTTP status class, `timeout` or `network`). Wraps the injected `fetch`, so the
 * provider code stays unaware of metrics. Time is measured to the response headers.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import type { FetchLike } from '../providers/call-provider';
import type { BffMetrics } from './metrics';

const ENDPOINTS: Record<string, string> = {
  [SGID_PATHS.token]: 'token',
  [SGID_PATHS.userinfo]: 'userinfo',
  [SGID_PATHS.jwks]: 'jwks',
  [SGID_PATHS.discovery]: 'discovery',
};

export function instrumentFetch(fetchImpl: FetchLike, metrics: BffMetrics): FetchLike {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const endpoint = ENDPOINTS[new URL(url).pathname] ?? 'other';
    const stop = metrics.providerCallSeconds.startTimer({ endpoint });
    try {
      const response = await fetchImpl(input, init);
      stop({ outcome: `${Math.floor(response.status / 100)}xx` });
      return response;
    } catch (error) {
      stop({ outcome: init?.signal?.aborted ? 'timeout' : 'network' });
      throw error;
    }
  };
}
