import type { CorppassSession } from '@sgid-bff/protocol';
import { ApiCallCard } from '../components/api-call-card';
import { PageTitle } from '../components/page-title';
import { ProfileFields } from '../components/profile-fields';
import { RecordsTable } from '../components/records-table';
import { SessionCard } from '../components/session-card';
import {
  listActorFields,
  listEntityFields,
  listRoleRows,
  ROLE_COLUMNS,
  singaporeToday,
} from '../lib/format-corppass';

/** After a Corppass login: who is acting, for which entity, with which roles. */
export function BusinessPage({ session }: { session: CorppassSession }) {
  const rows = listRoleRows(session.authorisations, singaporeToday());
  return (
    <div className="container page">
      <p className="eyebrow">You are acting for</p>
      <PageTitle title="Your business">
        <span id="entity-name">{session.entity.name ?? session.entity.id}</span>
      </PageTitle>
      <p className="sub-id">
        Logged in with <span id="provider-name">Corppass</span> as{' '}
        <span id="user-name">{session.actor.name ?? 'a Corppass user'}</span>. Entity ID:{' '}
        <code id="entity-id">{session.entity.id}</code>
      </p>

      <section aria-labelledby="entity-title" className="card">
        <h2 id="entity-title">The entity</h2>
        <ProfileFields fields={listEntityFields(session.entity)} />
      </section>

      <section aria-labelledby="actor-title" className="card">
        <h2 id="actor-title">You, acting for it</h2>
        <ProfileFields fields={listActorFields(session.actor)} />
      </section>

      <section aria-labelledby="roles-title" className="card" id="roles">
        <h2 id="roles-title">Your roles</h2>
        {rows.length > 0 ? (
          <RecordsTable caption="Authorisations from Corppass" columns={ROLE_COLUMNS} rows={rows} />
        ) : (
          <p>Corppass sent no authorisations for this service.</p>
        )}
      </section>

      <ApiCallCard />

      <SessionCard loginAt={session.loginAt} expiresAt={session.expiresAt} />
    </div>
  );
}
