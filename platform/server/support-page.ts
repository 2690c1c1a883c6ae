// The operator's support page at /support/: log in with a support account, see the help calls of every
// cabin (refreshed every 5 s) and answer one ("Je m'en occupe"). Fixed strings served from memory (no
// file, no path to traverse); the script fills the page with `textContent` only, and keeps the token in
// memory (a reload logs out). French, like the practitioner console.

/** The paths of the support page and their content. */
export const SUPPORT_PAGE_FILES: Readonly<Record<string, { readonly type: string; readonly body: string }>> =
  {
    '/support/': {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Assistance : appels à l'aide des cabines</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/support/support.css">
</head>
<body>
<main>
<h1>Appels à l'aide des cabines</h1>
<form id="login" data-testid="support-login-form">
<label for="user">Identifiant</label>
<input id="user" data-testid="support-login" autocomplete="username" maxlength="64" required>
<label for="password">Mot de passe</label>
<input id="password" data-testid="support-password" type="password" autocomplete="current-password" maxlength="200" required>
<button type="submit" data-testid="support-login-submit">Se connecter</button>
<p id="login-error" data-testid="support-login-error" role="alert"></p>
</form>
<section id="calls" hidden>
<p id="none" data-testid="support-no-calls">Aucun appel à l'aide.</p>
<table data-testid="support-help-calls">
<thead><tr><th>Cabine</th><th>Séance</th><th>Depuis</th><th>État</th><th>Professionnel prévenu</th><th></th></tr></thead>
<tbody id="rows"></tbody>
</table>
<p id="offline" data-testid="support-offline" role="status" hidden>Le serveur ne répond pas. Nouvel essai dans un instant.</p>
</section>
</main>
<script src="/support/support.js"></script>
</body>
</html>
`,
    },
    '/support/support.css': {
      type: 'text/css; charset=utf-8',
      body: `body { font: 16px/1.4 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b2430; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
label, input, button { display: block; margin: 0.4rem 0; font-size: 1rem; }
input { padding: 0.5rem; width: 20rem; max-width: 100%; }
button { padding: 0.5rem 1rem; border: 0; border-radius: 0.4rem; background: #1f5fa8; color: #fff; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #d5dbe1; }
tr.requested { background: #ffe8b0; font-weight: bold; }
#login-error, #offline { color: #a4000f; }
[hidden] { display: none !important; }
`,
    },
    '/support/support.js': {
      type: 'text/javascript; charset=utf-8',
      body: `'use strict';
(function () {
  var STATES = {
    requested: 'En attente',
    cancelled: 'Annulé par le patient',
    answered: "Pris en charge à l'accueil",
    answeredBySupport: "Pris en charge par l'assistance",
    answeredByProfessional: 'Pris en charge par le professionnel',
  };
  var token = null;
  var timer = null;
  var $ = function (id) { return document.getElementById(id); };

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function time(ms) {
    return new Date(ms).toLocaleString('fr-FR', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
  }

  function draw(calls) {
    var rows = $('rows');
    while (rows.firstChild) rows.removeChild(rows.firstChild);
    $('none').hidden = calls.length > 0;
    calls.forEach(function (call) {
      var id = call.cabinId + '-' + call.sessionId;
      var row = document.createElement('tr');
      row.className = call.state;
      row.setAttribute('data-testid', 'support-call-' + id);
      cell(row, call.cabinId);
      cell(row, call.sessionId);
      cell(row, time(call.since));
      cell(row, STATES[call.state] || call.state);
      cell(row, call.professionalTold ? 'Oui' : 'Non');
      var actions = cell(row, '');
      if (call.state === 'requested') {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = "Je m'en occupe";
        button.setAttribute('data-testid', 'support-answer-' + id);
        button.addEventListener('click', function () { answer(call); });
        actions.appendChild(button);
      }
      rows.appendChild(row);
    });
  }

  function authorized(init) {
    init = init || {};
    init.headers = Object.assign({ Authorization: 'Bearer ' + token }, init.headers || {});
    return fetch(init.path, init);
  }

  function refresh() {
    authorized({ path: '/api/support/help-calls' })
      .then(function (response) {
        if (response.status === 401) return loggedOut();
        if (!response.ok) throw new Error(String(response.status));
        $('offline').hidden = true;
        return response.json().then(function (body) { draw(body.calls); });
      })
      .catch(function () { $('offline').hidden = false; });
  }

  function answer(call) {
    authorized({
      path: '/api/support/help-calls/answer',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cabinId: call.cabinId, sessionId: call.sessionId }),
    }).then(refresh, refresh);
  }

  function loggedOut() {
    token = null;
    if (timer !== null) clearInterval(timer);
    timer = null;
    $('calls').hidden = true;
    $('login').hidden = false;
  }

  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    fetch('/api/support/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: $('user').value, password: $('password').value }),
    })
      .then(function (response) {
        $('password').value = '';
        if (response.status === 429) {
          var minutes = Math.max(1, Math.ceil(Number(response.headers.get('Retry-After') || '60') / 60));
          $('login-error').textContent =
            "Trop d'essais. Réessayez dans " + minutes + (minutes > 1 ? ' minutes.' : ' minute.');
          return;
        }
        if (!response.ok) {
          $('login-error').textContent = 'Identifiant ou mot de passe incorrect.';
          return;
        }
        return response.json().then(function (body) {
          token = body.token;
          $('login-error').textContent = '';
          $('login').hidden = true;
          $('calls').hidden = false;
          refresh();
          timer = setInterval(refresh, 5000);
        });
      })
      .catch(function () { $('login-error').textContent = 'Le serveur ne répond pas.'; });
  });
})();
`,
    },
  };
