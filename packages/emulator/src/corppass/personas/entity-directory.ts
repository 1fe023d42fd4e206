/**
 * Look-ups over the Corppass entities: whom a user may act for (in directory order, which is the
 * auto-approve default), an entity by id, and a user's membership of an entity.
 */
import type { CorppassEntityPersona, EntityUser } from './corppass-entity';

export interface EntityDirectory {
  readonly entities: readonly CorppassEntityPersona[];
  entitiesOf(nric: string): readonly CorppassEntityPersona[];
  find(entityId: string): CorppassEntityPersona | undefined;
  membership(entityId: string, nric: string): { entity: CorppassEntityPersona; user: EntityUser } | undefined;
}

export function createEntityDirectory(entities: readonly CorppassEntityPersona[]): EntityDirectory {
  return {
    entities,
    entitiesOf: (nric) => entities.filter((entity) => entity.users.some((user) => user.nric === nric)),
    find: (entityId) => entities.find((entity) => entity.id === entityId),
    membership(entityId, nric) {
      const entity = entities.find((candidate) => candidate.id === entityId);
      const user = entity?.users.find((candidate) => candidate.nric === nric);
      return entity === undefined || user === undefined ? undefined : { entity, user };
    },
  };
}
