import { PageTitle } from '../components/page-title';

/** After a logout (here or in another tab). A plain link starts a new login. */
export function LoggedOutPage() {
  return (
    <div className="container page">
      <section id="logged-out" className="card card--center" aria-labelledby="page-title">
        <PageTitle title="You have logged out" />
        <p>
          You have logged out of this service in every tab. If you are using a shared device, close the
          browser to finish.
        </p>
        <a className="button" href={`/auth/login?returnTo=${encodeURIComponent('/profile')}`}>
          Log in again
        </a>
      </section>
    </div>
  );
}
