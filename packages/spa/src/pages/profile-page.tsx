import { useSession } from '@sgid-bff/client/react';
import { ApiCallCard } from '../components/api-call-card';
import { PageTitle } from '../components/page-title';
import { OtherData, ProfileFields } from '../components/profile-fields';
import { SessionCard } from '../components/session-card';
import { listMyinfoFields, listOtherMyinfo, listSingpassUserFields } from '../lib/format-myinfo';
import { listProfileFields, type ProfileField } from '../lib/format-value';
import { BusinessPage } from './business-page';

const PROVIDER_LABELS = { sgid: 'sgID', singpass: 'Singpass', corppass: 'Corppass' } as const;

/** The logged-in person's name, then every field the provider shared, labelled for people. */
export function ProfilePage() {
  const { session } = useSession();
  if (session === null || !session.authenticated) return null;
  if (session.provider === 'corppass') return <BusinessPage session={session} />;
  const provider = PROVIDER_LABELS[session.provider];
  let name: string | undefined;
  let fields: ProfileField[] = [];
  let other: Record<string, string> = {};
  if (session.provider === 'sgid') {
    const value = session.data['myinfo.name'];
    name = typeof value === 'string' ? value : undefined;
    fields = listProfileFields(session.data);
    other = session.unknownData ?? {};
  } else {
    const fromMyinfo = session.person?.name;
    name = fromMyinfo?.available ? fromMyinfo.value : session.user.name;
    fields = [
      ...listSingpassUserFields(session.user),
      ...(session.person ? listMyinfoFields(session.person) : []),
    ];
    other = session.person ? listOtherMyinfo(session.person) : {};
  }

  return (
    <div className="container page">
      <p className="eyebrow">You are logged in as</p>
      <PageTitle title="Your profile">
        <span id="user-name">{name ?? `${provider} user`}</span>
      </PageTitle>
      <p className="sub-id">
        Logged in with <span id="provider-name">{provider}</span>. Your {provider} identifier for this
        service: <code>{session.sub}</code>
      </p>

      <section aria-labelledby="details-title" className="card">
        <h2 id="details-title">Your details from {provider}</h2>
        <p className="hint">
          You agreed to share these with this service. They came from Myinfo and are shown as {provider} sent
          them.
        </p>
        {fields.length > 0 ? (
          <ProfileFields fields={fields} />
        ) : (
          <p>You did not share any personal details.</p>
        )}
      </section>

      <OtherData data={other} />

      <ApiCallCard />

      <SessionCard loginAt={session.loginAt} expiresAt={session.expiresAt} />
    </div>
  );
}
