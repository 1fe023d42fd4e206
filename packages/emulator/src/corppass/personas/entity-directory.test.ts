import { describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAS } from '../../personas/built-in-personas';
import { BUILT_IN_ENTITIES } from './built-in-entities';
import { createEntityDirectory } from './entity-directory';

const directory = createEntityDirectory(BUILT_IN_ENTITIES);

describe('the built-in Corppass entities', () => {
  it('lists the entities a user may act for in order; S9812381D acts for two', () => {
    expect(directory.entitiesOf('S9812381D').map((entity) => entity.id)).toEqual(['201912345K', '53312345D']);
    expect(directory.entitiesOf('S5012345F')).toEqual([]);
    expect(directory.membership('53312345D', 'S8234567A')).toBeUndefined();
    expect(directory.membership('201912345K', 'S8234567A')?.user.emailVerified).toBe(false);
  });
  it('uses only built-in personas as users, with unique entity ids and ISO dates', () => {
    const nrics = new Set(BUILT_IN_PERSONAS.map((persona) => persona.nric));
    const ids = BUILT_IN_ENTITIES.map((entity) => entity.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entity of BUILT_IN_ENTITIES)
      for (const user of entity.users) {
        expect(nrics.has(user.nric)).toBe(true);
        for (const row of [...user.authorisations, ...user.thirdParty]) {
          expect(row.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(row.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(row.startDate < row.endDate).toBe(true);
        }
      }
  });
  it('names the third-party client entity as an entity of its own', () => {
    const tp = directory.membership('201912345K', 'S9812381D')?.user.thirdParty[0];
    expect(tp?.clientEntityId).toBe('201812345M');
    expect(directory.find(tp?.clientEntityId ?? '')?.name).toBe('CORAL BAY BAKERY PTE. LTD.');
  });
});
