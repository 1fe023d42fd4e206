import { useSession } from '@sgid-bff/client/react';
import { ApiCallCard } from '../components/api-call-card';
import { PageTitle } from '../components/page-title';
import { OtherData, ProfileFields } from '../components/profile-fields';
import { formatDateTime } from '../lib/format-time';
import { listProfileFields } from '../lib/format-value';

/** The logged-in person's name, then every field sgID returned, labelled by the catalogue. */
export function ProfilePage() {
  const { session } = useSession();
  if (session === null) return null;
  // This page shows sgID's data; a session of another provider (no UI for it yet) shows none of it.
  const sgid = session.provider === 'sgid' ? session : undefined;
  const name = sgid?.data['myinfo.name'];
  const fields = sgid ? listProfileFields(sgid.data) : [];

  return (
    <div className="container page">
      <p className="eyebrow">You are logged in as</p>
      <PageTitle title="Your profile">
        <span id="user-name">{typeof name === 'string' ? name : 'sgID user'}</span>
      </PageTitle>
      <p className="sub-id">
        Your sgID identifier for this service: <code>{session.sub}</code>
      </p>

      <section aria-labelledby="details-title" className="card">
        <h2 id="details-title">Your details from sgID</h2>
        <p className="hint">
          You agreed to share these with this service. They came from Myinfo and are shown as sgID sent them.
        </p>
        {fields.length > 0 ? (
          <ProfileFields fields={fields} />
        ) : (
          <p>You did not share any personal details.</p>
        )}
      </section>

      <OtherData data={sgid?.unknownData ?? {}} />

      <ApiCallCard />

      <section aria-labelledby="session-title" className="card">
        <h2 id="session-title">This session</h2>
        <dl className="field-list">
          <div className="field-list__row">
            <dt>Logged in</dt>
            <dd>{formatDateTime(session.loginAt)}</dd>
          </div>
          <div className="field-list__row">
            <dt>Ends at the latest</dt>
            <dd>{formatDateTime(session.expiresAt)}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
