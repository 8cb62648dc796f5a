/**
 * The sign-in pages of the programme server (server-rendered HTML, no script): sign in, no access,
 * a sign-in that failed, and the account page (one's roles, sessions and personal access tokens).
 * Served under the lead pages' strict CSP (no script, no inline style): the style is a stylesheet
 * of this server (SIGN_IN_CSS at SIGN_IN_CSS_PATH).
 */
import type { Grant } from '../store/programme-store.ts';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Where the sign-in pages' stylesheet is served, without a caller. */
export const SIGN_IN_CSS_PATH = '/assets/sign-in.css';

export const SIGN_IN_CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#f6f7f9;--card:#fff;--muted:#5b6470;--line:#d5dae1;--accent:#0b5cad;--bad:#a4161a}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#15181c;--card:#1f242a;--muted:#a3abb5;--line:#394049;--accent:#6cb0ff;--bad:#ff8a8a}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:1rem;align-items:center;padding:.75rem 1.5rem;border-bottom:1px solid var(--line);background:var(--card)}
header .brand{font-weight:700;margin-right:auto}header a{color:var(--accent)}
main{max-width:46rem;margin:2rem auto;padding:0 1.5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1.25rem 1.5rem;margin-bottom:1.25rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}input{font:inherit;padding:.45rem .6rem;width:100%;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
button,.button{font:inherit;display:inline-block;margin-top:.9rem;padding:.5rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;text-decoration:none;cursor:pointer}
button.quiet{background:transparent;color:var(--accent);margin:0;padding:.2rem .6rem}
.muted{color:var(--muted)}.error{color:var(--bad);font-weight:600}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
code.token{display:block;padding:.6rem;border:1px dashed var(--line);word-break:break-all;font-size:.95rem}
form.inline{display:inline}
`;

export interface Chrome {
  title: string;
  /** The signed-in person's name and the sign-out form's CSRF token, when signed in. */
  signedIn?: { name: string; csrf: string } | undefined;
}

export function page(c: Chrome, body: string): string {
  const nav = c.signedIn
    ? `<a href="/">Programme</a><a href="/account">Account</a><span class="muted">${esc(c.signedIn.name)}</span>
       <form class="inline" method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${esc(c.signedIn.csrf)}"><button class="quiet" type="submit">Sign out</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(c.title)} · Firebreak programme</title><link rel="stylesheet" href="${SIGN_IN_CSS_PATH}"></head>
<body><header><span class="brand">Firebreak programme</span>${nav}</header><main>${body}</main></body></html>`;
}

export function signInPage(o: { next: string; csrf: string; oidcLabel: string | null; error?: string | undefined; login?: string | undefined }): string {
  const oidc = o.oidcLabel
    ? `<section class="card"><h2>Your organisation's account</h2>
       <a class="button" href="/sign-in/oidc?next=${encodeURIComponent(o.next)}">Sign in with ${esc(o.oidcLabel)}</a></section>`
    : '';
  return page(
    { title: 'Sign in' },
    `<h1>Sign in</h1>${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}${oidc}
<section class="card"><h2>${o.oidcLabel ? 'Or a local account' : 'Local account'}</h2>
<form method="post" action="/sign-in">
<input type="hidden" name="_csrf" value="${esc(o.csrf)}"><input type="hidden" name="next" value="${esc(o.next)}">
<label for="login">Login</label><input id="login" name="login" autocomplete="username" required value="${esc(o.login ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form></section>`,
  );
}

/** A sign-in that did not give access, with why and what to do. */
export function refusedPage(title: string, lines: string[], status: number): { status: number; html: string } {
  return {
    status,
    html: page(
      { title },
      `<h1>${esc(title)}</h1><section class="card">${lines.map((l) => `<p>${esc(l)}</p>`).join('')}<a class="button" href="/sign-in">Back to sign in</a></section>`,
    ),
  };
}

const roleName: Record<Grant['role'], string> = {
  programme_lead: 'programme lead',
  facilitator: 'facilitator',
  evaluator: 'evaluator',
  viewer: 'viewer',
  auditor: 'auditor',
};

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');

export function accountPage(o: {
  name: string;
  csrf: string;
  grants: { role: Grant['role']; unit: string | null }[];
  sessions: { id: number; method: string; createdAt: Date; expiresAt: Date }[];
  currentSession: number | null;
  tokens: { id: number; label: string; createdAt: Date; expiresAt: Date | null; revokedAt: Date | null }[];
  newToken?: { id: number; token: string } | undefined;
  now: Date;
}): string {
  const hidden = `<input type="hidden" name="_csrf" value="${esc(o.csrf)}">`;
  const roles = o.grants.length
    ? o.grants.map((g) => `<li>${esc(roleName[g.role])}${g.unit ? ` of ${esc(g.unit)}` : ' (whole organisation)'}</li>`).join('')
    : '<li>none</li>';
  const fresh = o.newToken
    ? `<section class="card" role="status"><h2>New token ${o.newToken.id}</h2><p>Copy it now: it is shown once and only its hash is kept.</p><code class="token" id="new-token">${esc(o.newToken.token)}</code></section>`
    : '';
  const tokenRows = o.tokens
    .map((t) => {
      const state = t.revokedAt
        ? `revoked ${when(t.revokedAt)}`
        : t.expiresAt && t.expiresAt <= o.now
          ? `expired ${when(t.expiresAt)}`
          : t.expiresAt
            ? `until ${when(t.expiresAt)}`
            : 'no expiry';
      const live = !t.revokedAt && !(t.expiresAt && t.expiresAt <= o.now);
      return `<tr><td>${t.id}</td><td>${esc(t.label)}</td><td>${when(t.createdAt)}</td><td>${esc(state)}</td><td>${
        live
          ? `<form class="inline" method="post" action="/account/tokens/${t.id}/revoke">${hidden}<button class="quiet" type="submit">Revoke</button></form>`
          : ''
      }</td></tr>`;
    })
    .join('');
  const sessionRows = o.sessions
    .map(
      (s) =>
        `<tr><td>${s.id}${s.id === o.currentSession ? ' (this browser)' : ''}</td><td>${s.method === 'oidc' ? 'organisation account' : 'local account'}</td><td>${when(s.createdAt)}</td><td>${when(s.expiresAt)}</td><td><form class="inline" method="post" action="/account/sessions/${s.id}/revoke">${hidden}<button class="quiet" type="submit">${s.id === o.currentSession ? 'Sign out' : 'Revoke'}</button></form></td></tr>`,
    )
    .join('');
  return page(
    { title: 'Account', signedIn: { name: o.name, csrf: o.csrf } },
    `<h1>${esc(o.name)}</h1>${fresh}
<section class="card"><h2>Roles</h2><ul>${roles}</ul><p class="muted">Your programme lead gives roles.</p></section>
<section class="card"><h2>Personal access tokens</h2><p class="muted">For the desktop app's "Publish to programme server" and scripts; each acts with your roles.</p>
${o.tokens.length ? `<table><thead><tr><th>#</th><th>Label</th><th>Made</th><th>State</th><th></th></tr></thead><tbody>${tokenRows}</tbody></table>` : '<p>None yet.</p>'}
<form method="post" action="/account/tokens">${hidden}<label for="label">Label</label><input id="label" name="label" required maxlength="100" placeholder="Laptop in room 4">
<label for="days">Expires after (days, empty for never)</label><input id="days" name="days" inputmode="numeric" pattern="[0-9]*" value="90">
<button type="submit">Make a token</button></form></section>
<section class="card"><h2>Signed-in browsers</h2><table><thead><tr><th>#</th><th>How</th><th>Since</th><th>Until</th><th></th></tr></thead><tbody>${sessionRows}</tbody></table></section>`,
  );
}
