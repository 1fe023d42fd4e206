/**
 * Turns a Corppass session into what the business page shows: the entity, the person acting for it, and
 * their roles as table rows (open-ended roles say so; ended ones say "Ended"). Pure, so it is unit tested.
 */
import {
  type CorppassActingUser,
  type CorppassAuthorisation,
  type CorppassEntity,
  isAuthorisationActive,
} from '@sgid-bff/protocol';
import { formatDate, type ProfileField } from './format-value';

const text = (scope: string, label: string, value: string | undefined): ProfileField[] =>
  value === undefined ? [] : [{ scope, label, value: { kind: 'text', text: value } }];

/** The entity's details, in a fixed order. */
export function listEntityFields(entity: CorppassEntity): ProfileField[] {
  return [
    ...text('entity.name', 'Entity name', entity.name),
    ...text('entity.id', entity.type === 'UEN' ? 'UEN' : 'Corppass entity ID', entity.id),
    ...text('entity.type', 'Entity type', entity.type),
    ...text('entity.registrationNumber', 'Registration number', entity.registrationNumber),
    ...text('entity.countryOfIncorporation', 'Country of incorporation', entity.countryOfIncorporation),
    ...text('entity.uenStatus', 'UEN status', entity.uenStatus === 'R' ? 'Registered' : entity.uenStatus),
  ];
}

/** The acting user's details, in a fixed order. */
export function listActorFields(actor: CorppassActingUser): ProfileField[] {
  const email =
    actor.email === undefined
      ? undefined
      : `${actor.email}${actor.emailVerified === false ? ' (not verified)' : ''}`;
  return [
    ...text('actor.name', 'Name', actor.name),
    ...text('actor.identityNumber', 'NRIC / FIN', actor.identityNumber),
    ...text('actor.email', 'Corppass email', email),
  ];
}

export const ROLE_COLUMNS = [
  { field: 'eService', label: 'E-service' },
  { field: 'role', label: 'Role' },
  { field: 'from', label: 'From' },
  { field: 'until', label: 'Until' },
  { field: 'status', label: 'Status' },
  { field: 'via', label: 'Acting for' },
] as const;

/** One row per authorisation: e-service, role, dates in words, whether it is in force `today`. */
export function listRoleRows(authorisations: readonly CorppassAuthorisation[], today: string): string[][] {
  return authorisations.map((a) => [
    a.eServiceId,
    a.role,
    formatDate(a.startDate),
    a.endDate === null ? 'No end date' : formatDate(a.endDate),
    isAuthorisationActive(a, today) ? 'Active' : a.startDate > today ? 'Not started' : 'Ended',
    a.thirdParty ? `Client ${a.thirdParty.clientEntityId}` : 'This entity',
  ]);
}

/** Today's date in Singapore (YYYY-MM-DD): Corppass dates are Singapore dates. */
export function singaporeToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
