// The attendant page itself: one small HTML document, its script and its style, served as fixed
// strings (no file is read, so no path can be traversed). The script uses `textContent` only, never
// HTML from data, and talks to its own origin: `/api/login`, `/api/state`, `/api/events` (server-sent
// events), `/api/acknowledge`, `/api/payment` (the decision on a payment), `/api/logout`. Its strings come from assets/strings (`attendantPage`
// and `attendant`), chosen by the browser's language and embedded as JSON data, not as script.
import { LOCALES, type Locale } from '../../contract/domain';
import { ar } from '../../assets/strings/ar';
import { en } from '../../assets/strings/en';
import { es } from '../../assets/strings/es';
import { fr, type Strings } from '../../assets/strings/fr';
import { pt } from '../../assets/strings/pt';
import { tr } from '../../assets/strings/tr';

const TABLES: { readonly [L in Locale]: Strings } = { fr, en, ar, es, pt, tr };

/** The strings the page uses, in one locale. */
export type AttendantPageStrings = Pick<Strings, 'attendantPage'> & {
  readonly attendant: Pick<
    Strings['attendant'],
    | 'phase'
    | 'phases'
    | 'needsCleaning'
    | 'peripheralsTitle'
    | 'peripherals'
    | 'states'
    | 'notices'
    | 'peripheralReasons'
    | 'otherPeripheralReason'
    | 'helpStep'
    | 'steps'
    | 'yes'
    | 'no'
    | 'paymentsTitle'
    | 'noPayments'
    | 'paymentReasons'
    | 'paymentLine'
    | 'paymentPaid'
    | 'paymentNotPaid'
  >;
};

function pageStrings(strings: Strings): AttendantPageStrings {
  const a = strings.attendant;
  return {
    attendantPage: strings.attendantPage,
    attendant: {
      phase: a.phase,
      phases: a.phases,
      needsCleaning: a.needsCleaning,
      peripheralsTitle: a.peripheralsTitle,
      peripherals: a.peripherals,
      states: a.states,
      notices: a.notices,
      peripheralReasons: a.peripheralReasons,
      otherPeripheralReason: a.otherPeripheralReason,
      helpStep: a.helpStep,
      steps: a.steps,
      yes: a.yes,
      no: a.no,
      paymentsTitle: a.paymentsTitle,
      noPayments: a.noPayments,
      paymentReasons: a.paymentReasons,
      paymentLine: a.paymentLine,
      paymentPaid: a.paymentPaid,
      paymentNotPaid: a.paymentNotPaid,
    },
  };
}

/** The cabin's language the browser puts first (`en-GB` gives English), else French (the default). */
export function pageLocale(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return LOCALES.find((locale) => first === locale || first.startsWith(`${locale}-`)) ?? 'fr';
}

/** The page's HTML in `locale`, with its strings as inert JSON data. */
export function attendantPageHtml(locale: Locale): string {
  const strings = pageStrings(TABLES[locale]);
  // `<` escaped so that no string can close the data block.
  const data = JSON.stringify(strings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${locale}" dir="${TABLES[locale].meta.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${strings.attendantPage.title}</title>
<link rel="stylesheet" href="/attendant-page.css">
</head>
<body>
<main>
<h1>${strings.attendantPage.title}</h1>
<form id="login" data-testid="attendant-page-login-form" hidden>
<label for="code">${strings.attendantPage.codeLabel}</label>
<input id="code" data-testid="attendant-page-code" type="password" inputmode="numeric" autocomplete="off" maxlength="32" required>
<button type="submit" data-testid="attendant-page-login">${strings.attendantPage.login}</button>
<p id="login-error" data-testid="attendant-page-login-error" role="alert"></p>
</form>
<section id="cabin" hidden>
<div id="help" data-testid="attendant-page-help" class="help" role="alert" hidden>
<h2>${strings.attendantPage.helpTitle}</h2>
<p data-testid="attendant-page-help-step" id="help-step"></p>
<p data-testid="attendant-page-help-since" id="help-since"></p>
<p data-testid="attendant-page-help-told" id="help-told"></p>
<p data-testid="attendant-page-platform-unreachable" id="help-unreachable" hidden>${strings.attendantPage.platformUnreachable}</p>
<button type="button" id="acknowledge" data-testid="attendant-page-acknowledge">${strings.attendantPage.acknowledge}</button>
</div>
<p id="no-help" data-testid="attendant-page-no-help">${strings.attendantPage.noHelp}</p>
<dl>
<dt>${strings.attendant.phase}</dt><dd id="phase" data-testid="attendant-page-phase"></dd>
<dt>${strings.attendant.needsCleaning}</dt><dd id="cleaning" data-testid="attendant-page-needs-cleaning"></dd>
</dl>
<h2>${strings.attendant.paymentsTitle}</h2>
<ul id="payments" data-testid="attendant-page-payments"></ul>
<p id="no-payments" data-testid="attendant-page-no-payments">${strings.attendant.noPayments}</p>
<h2>${strings.attendant.peripheralsTitle}</h2>
<ul id="peripherals" data-testid="attendant-page-peripherals"></ul>
<p id="offline" data-testid="attendant-page-offline" role="status" hidden>${strings.attendantPage.offline}</p>
<button type="button" id="logout" data-testid="attendant-page-logout">${strings.attendantPage.logout}</button>
</section>
</main>
<script type="application/json" id="strings">${data}</script>
<script src="/attendant-page.js"></script>
</body>
</html>
`;
}

/** The page's style: large, plain, readable on a phone. */
export const ATTENDANT_PAGE_CSS = `
body { font: 18px/1.4 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b2430; }
main { max-width: 36rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; }
label, input, button { display: block; font-size: 1.2rem; margin: 0.5rem 0; }
input { padding: 0.6rem; width: 100%; box-sizing: border-box; }
button { padding: 0.8rem 1.2rem; border: 0; border-radius: 0.5rem; background: #1f5fa8; color: #fff; }
#logout { background: #5b6776; }
.help { background: #ffe8b0; border: 3px solid #c77700; border-radius: 0.5rem; padding: 1rem; margin: 1rem 0; }
.help button { background: #b03a00; font-size: 1.4rem; width: 100%; }
#login-error, #offline { color: #a4000f; }
dt { font-weight: bold; }
dd { margin: 0 0 0.5rem; }
li.faulty, li.absent, li.payment { color: #a4000f; font-weight: bold; }
[hidden] { display: none !important; }
`;

/** The page's script (plain ES2020, no framework). */
export const ATTENDANT_PAGE_JS = `'use strict';
(function () {
  var S = JSON.parse(document.getElementById('strings').textContent);
  var P = S.attendantPage;
  var A = S.attendant;
  var $ = function (id) { return document.getElementById(id); };
  var events = null;
  var retry = null;

  function fill(template, values) {
    return template.replace(/\\{(\\w+)\\}/g, function (_, key) { return String(values[key]); });
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {}),
    });
  }

  function showLogin(message) {
    if (events) { events.close(); events = null; }
    $('cabin').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('code').value = '';
    $('code').focus();
  }

  function draw(state) {
    $('login').hidden = true;
    $('cabin').hidden = false;
    $('offline').hidden = true;
    $('phase').textContent = A.phases[state.phase] || state.phase;
    $('cleaning').textContent = state.needsCleaning ? A.yes : A.no;
    var list = $('peripherals');
    while (list.firstChild) list.removeChild(list.firstChild);
    state.peripherals.forEach(function (p) {
      var item = document.createElement('li');
      item.className = p.state;
      item.setAttribute('data-testid', 'attendant-page-peripheral-' + p.peripheral);
      var day = p.dueAt ? new Date(p.dueAt).toLocaleDateString(document.documentElement.lang) : '';
      var why = p.reason ? A.peripheralReasons[p.reason] || fill(A.otherPeripheralReason, { code: p.reason }) : '';
      var notice = p.notice ? fill(A.notices[p.notice] || p.notice, { date: day }) : '';
      item.textContent = fill(P.peripheral, {
        name: A.peripherals[p.peripheral] || p.peripheral,
        state: [A.states[p.state] || p.state, why, notice].filter(Boolean).join(' · '),
      });
      list.appendChild(item);
    });
    var payments = $('payments');
    while (payments.firstChild) payments.removeChild(payments.firstChild);
    var lang = document.documentElement.lang;
    (state.payments || []).forEach(function (p) {
      var item = document.createElement('li');
      item.className = 'payment';
      item.setAttribute('data-testid', 'attendant-page-payment');
      var line = document.createElement('p');
      line.textContent = fill(P.peripheral, {
        name: A.paymentReasons[p.reason] || p.reason,
        state: fill(A.paymentLine, {
          amount: (p.amountCents / 100).toLocaleString(lang, { style: 'currency', currency: 'EUR' }),
          time: new Date(p.since).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }),
        }),
      });
      item.appendChild(line);
      [[true, A.paymentPaid, 'paid'], [false, A.paymentNotPaid, 'not-paid']].forEach(function (choice) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = choice[1];
        button.setAttribute('data-testid', 'attendant-page-payment-' + choice[2] + '-' + p.transactionId);
        button.addEventListener('click', function () {
          post('/api/payment', { transactionId: p.transactionId, paid: choice[0] }).then(answer).catch(offline);
        });
        item.appendChild(button);
      });
      payments.appendChild(item);
    });
    $('no-payments').hidden = (state.payments || []).length > 0;
    var help = state.help;
    $('help').hidden = help === null;
    $('no-help').hidden = help !== null;
    if (help !== null) {
      var time = new Date(help.since).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
      $('help-since').textContent = fill(P.since, { time: time });
      $('help-step').hidden = help.step === null;
      $('help-step').textContent =
        help.step === null ? '' : fill(P.peripheral, { name: A.helpStep, state: A.steps[help.step] || help.step });
      $('help-told').textContent = fill(P.told, {
        who: help.told.map(function (who) { return P.audiences[who] || who; }).join(', '),
      });
      $('help-unreachable').hidden = help.platform !== 'unreachable';
    }
  }

  function offline() {
    $('offline').hidden = false;
    if (retry === null) retry = setTimeout(function () { retry = null; load(); }, 5000);
  }

  // Every answer of the page's API is {ok, value} or {ok: false, error}; an HTTP error means trouble.
  function answer(response) {
    if (!response.ok) return offline();
    return response.json().then(function (result) {
      if (result.ok) {
        follow();
        return draw(result.value);
      }
      if (result.error.code === 'attendant.locked') {
        return showLogin(fill(P.locked, { minutes: Math.max(1, Math.ceil(result.error.retryAfterSeconds / 60)) }));
      }
      showLogin(result.error.code === 'attendant.badCode' ? P.badCode : '');
    });
  }

  function follow() {
    if (events || typeof EventSource === 'undefined') return;
    events = new EventSource('/api/events');
    events.onmessage = function (message) { draw(JSON.parse(message.data)); };
    events.onerror = function () {
      if (events) events.close();
      events = null;
      offline();
    };
  }

  function load() {
    fetch('/api/state', { credentials: 'same-origin' }).then(answer).catch(offline);
  }

  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    post('/api/login', { code: $('code').value }).then(answer).catch(offline);
  });
  $('acknowledge').addEventListener('click', function () {
    post('/api/acknowledge').then(answer).catch(offline);
  });
  $('logout').addEventListener('click', function () {
    post('/api/logout').then(function () { showLogin(''); }).catch(offline);
  });
  load();
})();
`;
