'use strict';
// Sign-in: posts the form as JSON, then goes where the user was headed (same-origin paths only).
document.getElementById('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const res = await fetch('/api/session', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({user: document.getElementById('user').value, password: document.getElementById('password').value}),
    credentials: 'same-origin'
  });
  if (res.ok) {
    const next = new URLSearchParams(location.search).get('next') || '/';
    location.assign(next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');
  } else {
    let reason = 'Sign-in failed';
    try { reason = (await res.json()).error || reason; } catch (e) { /* not JSON */ }
    error.textContent = reason;
  }
});
