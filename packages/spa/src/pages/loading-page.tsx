export function LoadingPage() {
  return (
    <div className="container page">
      <p role="status" className="loading">
        Checking whether you are logged in…
      </p>
    </div>
  );
}
