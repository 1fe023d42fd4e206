import { PageTitle } from '../components/page-title';
import { Link } from '../router';

export function NotFoundPage() {
  return (
    <div className="container page">
      <section className="card card--center" aria-labelledby="page-title">
        <PageTitle title="Page not found" />
        <p>
          The page you are looking for does not exist. Check the address, or start again from the home page.
        </p>
        <Link to="/" className="button">
          Go to the home page
        </Link>
      </section>
    </div>
  );
}
