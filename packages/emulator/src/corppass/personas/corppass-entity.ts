/**
 * A Corppass entity persona (SINGPASS-CORPPASS-FAPI.md §4.9, §5): a business (UEN) or a non-UEN entity
 * (Corppass-issued id), its users — Singpass personas by NRIC/FIN — and what each user may do for it:
 * `auth_info` rows (e-service, role, start, end, parameters) and third-party rows (`tp_auth_info`: the
 * user acts for a client entity through this one).
 */

/** One authorisation row (dates YYYY-MM-DD; `9999-12-31` = open-ended, as on the wire). */
export interface EntityAuthorisation {
  readonly eServiceId: string;
  readonly role: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
}

/** A third-party authorisation: the user acts for `clientEntityId` through this entity. */
export interface ThirdPartyAuthorisation extends EntityAuthorisation {
  readonly clientEntityId: string;
  readonly clientEntityType: string;
}

export interface EntityUser {
  /** A Singpass persona's NRIC/FIN. */
  readonly nric: string;
  /** The user's Corppass email for this entity (`user.corppass.email`). */
  readonly email: string;
  readonly emailVerified: boolean;
  readonly authorisations: readonly EntityAuthorisation[];
  readonly thirdParty: readonly ThirdPartyAuthorisation[];
}

export interface CorppassEntityPersona {
  /** The ID token's `sub`: the UEN, or a Corppass-issued id for a non-UEN entity. */
  readonly id: string;
  /** `UEN` or `NON-UEN`. */
  readonly type: 'UEN' | 'NON-UEN';
  /** The registration number (the UEN itself, or the foreign registration number). */
  readonly registrationNumber: string;
  /** Two-letter country of incorporation. */
  readonly coi: string;
  readonly name: string;
  /** UEN status (`R` registered); absent for a non-UEN entity. */
  readonly uenStatus?: string;
  readonly users: readonly EntityUser[];
}
