/**
 * The demo page's shell, laid out with Gmail's class names (TEAM.md "Demo webmail DOM
 * landmarks", GMAIL-NOTES.md): the left navigation with the Compose button, the main area
 * `div.aeF > div.nH` whose children are the views (shown and hidden, as Gmail keeps them), and the
 * compose area `div.dw`. The views are filled by page/main.js.
 */
export function renderPageHtml(account: string, accounts: string[]): string {
  const options = accounts
    .map((address) => `<option value="${escapeHtml(address)}"${address === account ? ' selected' : ''}>${escapeHtml(address)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Inbox - ${escapeHtml(account)} - Demo Mail</title>
<link rel="stylesheet" href="/mail/static/demo-mail.css">
<script type="module" src="/mail/static/main.js"></script>
</head>
<body data-demo-account="${escapeHtml(account)}">
<div class="nH w-asV aiw" id="demo-mail-app">
  <header class="gb_Ld" role="banner">
    <div class="gb_brand"><span class="gb_logo">✉</span> Demo Mail</div>
    <form class="gb_search" role="search" onsubmit="return false"><input aria-label="Search mail" placeholder="Search mail" disabled></form>
    <label class="gb_account">
      <span class="gb_account_label">Account</span>
      <select id="demo-account-switcher" aria-label="Switch account">${options}</select>
    </label>
  </header>
  <div class="nH bkL">
    <div class="aeN" role="navigation">
      <div class="aic"><div class="z0"><div class="T-I T-I-KE L3" role="button" tabindex="0" gh="cm">Compose</div></div></div>
      <div class="TK">
        <div class="aim" data-demo-label="inbox"><a class="J-Ke n0" href="#inbox" title="Inbox">Inbox</a><span class="bsU" data-demo-unread></span></div>
        <div class="aim" data-demo-label="sent"><a class="J-Ke n0" href="#sent" title="Sent">Sent</a></div>
      </div>
    </div>
    <div class="nH bkK">
      <div class="aeF"><div class="nH" data-demo-views></div></div>
    </div>
  </div>
  <div class="b8 UC" aria-live="assertive"><div class="J-J5-Ji"><div class="vh" role="alert"></div></div></div>
  <div class="dw"><div class="nH"><div class="nH"><div class="no" data-demo-composes></div></div></div></div>
</div>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
