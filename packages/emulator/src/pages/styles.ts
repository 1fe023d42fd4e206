/** The stylesheet of every emulator page: a sober government login look, readable and accessible. */
export const PAGE_STYLES = `
:root{--red:#c8102e;--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f5f7fa;--focus:#1f6feb;--ok:#0a7d32}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
a{color:#0b57d0}
a:focus,button:focus,input:focus{outline:3px solid var(--focus);outline-offset:2px}
.emulator-banner{background:#fff4ce;border-bottom:2px solid #d29922;padding:.5rem 1rem;font-size:.875rem;text-align:center}
.masthead{background:#fff;border-bottom:1px solid var(--line);padding:.75rem 1.5rem;display:flex;align-items:center;gap:.75rem}
.brand{font-weight:700;font-size:1.25rem;letter-spacing:.02em}
.brand span{color:var(--red)}
.card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:2rem;max-width:40rem;margin:2rem auto;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.phone .card{max-width:26rem;margin:1rem auto;padding:1.25rem;border-radius:20px}
h1{font-size:1.5rem;margin:0 0 .5rem}
h2{font-size:1.125rem;margin:1.25rem 0 .5rem}
.muted{color:var(--muted)}
.qr-layout{display:flex;gap:2rem;align-items:center;flex-wrap:wrap}
.qr-layout>div:last-child{flex:1;min-width:14rem}
.qr{width:220px;height:220px;border:1px solid var(--line);border-radius:8px;padding:8px;background:#fff}
.qr svg{width:100%;height:100%}
.countdown{font-variant-numeric:tabular-nums;font-weight:600}
.status{min-height:1.5rem;margin-top:1rem}
.button{display:inline-block;border:0;border-radius:8px;padding:.75rem 1.25rem;font-size:1rem;font-weight:600;cursor:pointer;text-decoration:none;text-align:center}
.primary{background:var(--red);color:#fff}
.secondary{background:#fff;color:var(--ink);border:1px solid var(--muted)}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
.actions form{flex:1}
.actions .button{width:100%}
.personas{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}
.persona{width:100%;text-align:left;background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;font:inherit;cursor:pointer}
.persona:hover{border-color:var(--red)}
.persona strong{display:block}
.persona small{color:var(--muted)}
.field{display:flex;gap:.5rem;margin-top:.5rem}
.field input{flex:1;font:inherit;padding:.6rem .75rem;border:1px solid var(--muted);border-radius:8px;text-transform:uppercase}
.error{color:#a4161a;font-weight:600}
.consent{padding-left:1.25rem}
.consent li{margin:.25rem 0}
.expired{border-left:4px solid var(--red);padding-left:1rem}
table{border-collapse:collapse;width:100%;font-size:.875rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}
.wide{max-width:70rem}
code{font-size:.875rem}
`;
