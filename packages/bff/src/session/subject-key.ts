/**
 * The store's subject index (`StoredSession.sub`: "your sessions", revoke-others, admin revoke-by-sub).
 * Subjects are only unique within a provider: sgID's pairwise id and Singpass's UUID come from different
 * namespaces, and nothing stops one provider from issuing a string another already did. So every provider
 * but sgID indexes `<provider>:<sub>`; sgID keeps its bare `sub`, as stored since the first release, so
 * existing sessions stay listed and revocable across the upgrade. The one collision left (an sgID `sub`
 * that itself begins with `singpass:`) is accepted over orphaning every stored sgID session.
 * The proxy's identity token carries this key as its `sub` (proxy/identity-token.ts), which keeps it
 * unique for upstreams too.
 */
import type { ProviderName } from '@sgid-bff/protocol';

export function subjectKeyOf(provider: ProviderName, sub: string): string {
  return provider === 'sgid' ? sub : `${provider}:${sub}`;
}

/** The provider a subject key belongs to: its prefix, or sgID for a bare one (the identity token's `provider`). */
export function providerOfSubjectKey(key: string): ProviderName {
  if (key.startsWith('singpass:')) return 'singpass';
  if (key.startsWith('corppass:')) return 'corppass';
  return 'sgid';
}
