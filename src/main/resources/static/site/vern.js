/*! Vern cookie banner and cookieless statistics. Embed: <script src="https://vern.example/site/vern.js" defer></script>
 * ekomloven § 3-15: nothing but the strictly necessary consent cookie is stored before a choice, reject is as easy
 * as accept, Global Privacy Control refuses every optional purpose on every visit, even after an earlier accept.
 * No dependencies, no inline styles (CSP-safe). */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || window.__vern) { return; }
  window.__vern = true;
  var base = new URL(me.src).origin;
  var COOKIE = 'vern_consent';
  var OPTIONAL = ['preferences', 'statistics'];
  var lang = /^en/i.test(document.documentElement.lang) ? 'en' : 'nb';
  var cfg = null, state = readCookie(), root = null, opener = null, live = null;

  // ---- Statistics (S16, S17): a cookieless beacon; nothing is stored on the device. ----
  if (me.getAttribute('data-vern-statistics') !== 'off') {
    var vid = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(12)), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
    var page = location.origin + location.pathname, shownAt = Date.now(), visible = 0, hidden = false;
    var beacon = function (o) {
      o.id = vid; o.u = page; o.w = !!navigator.webdriver;
      try { navigator.sendBeacon(base + '/site/collect', JSON.stringify(o)); } catch (e) { /* statistics are optional */ }
    };
    var view = { k: 'view' };
    if (document.referrer) { view.r = document.referrer; }
    beacon(view);
    var leave = function () {
      if (hidden) { return; }
      hidden = true;
      visible += Date.now() - shownAt;
      beacon({ k: 'leave', d: visible });
    };
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { leave(); } else { hidden = false; shownAt = Date.now(); }
    });
    window.addEventListener('pagehide', leave);
  }

  // ---- The consent cookie: "<consent id>.<banner version>.<flags>", p = preferences, s = statistics, g = GPC. ----
  function readCookie() {
    var m = document.cookie.match(/(?:^|;\s*)vern_consent=([0-9a-f-]{36})\.(\d+)\.([psg-]+)/);
    if (!m) { return null; }
    var purposes = [];
    if (m[3].indexOf('p') >= 0) { purposes.push('preferences'); }
    if (m[3].indexOf('s') >= 0) { purposes.push('statistics'); }
    return { id: m[1], version: +m[2], purposes: purposes, gpc: m[3].indexOf('g') >= 0 };
  }
  function writeCookie(value) {
    document.cookie = COOKIE + '=' + value + '; Max-Age=15552000; Path=/; SameSite=Lax'
      + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function deleteCookie(name) {
    var parts = location.hostname.split('.');
    var expire = name + '=; Max-Age=0; Path=/';
    document.cookie = expire;
    for (var i = 0; i < parts.length - 1; i++) {
      document.cookie = expire + '; Domain=' + parts.slice(i).join('.');
    }
  }
  function allowed(purpose) { return !!state && state.purposes.indexOf(purpose) >= 0; }
  // Deletes declared storage: "a,b" names cookies or keys; "x*" every one that starts with "x".
  function clear(type, names) {
    (names || '').split(',').forEach(function (n) {
      n = n.trim();
      if (!n) { return; }
      var star = n.slice(-1) === '*', stem = star ? n.slice(0, -1) : n;
      if (type === 'cookie') {
        document.cookie.split(/;\s*/).forEach(function (c) {
          var k = c.split('=')[0];
          if (k && (star ? k.indexOf(stem) === 0 : k === n)) { deleteCookie(k); }
        });
      } else {
        for (var i = localStorage.length - 1; i >= 0; i--) {
          var k = localStorage.key(i);
          if (k && (star ? k.indexOf(stem) === 0 : k === n)) { localStorage.removeItem(k); }
        }
      }
    });
  }

  // ---- Apply a choice: run consented scripts, delete what withdrawn purposes stored. ----
  function apply() {
    var blocked = document.querySelectorAll('script[type="text/plain"][data-vern-purpose]');
    Array.prototype.forEach.call(blocked, function (s) {
      var purpose = s.getAttribute('data-vern-purpose');
      if (allowed(purpose)) {
        if (s.hasAttribute('data-vern-done')) { return; }
        s.setAttribute('data-vern-done', '');
        var run = document.createElement('script');
        Array.prototype.forEach.call(s.attributes, function (a) {
          if (a.name !== 'type' && a.name.indexOf('data-vern') !== 0) { run.setAttribute(a.name, a.value); }
        });
        if (!s.src) { run.textContent = s.textContent; }
        s.parentNode.insertBefore(run, s.nextSibling);
      } else {
        // What the page declares for a refused script: its cookies and its local storage.
        clear('cookie', s.getAttribute('data-vern-cookies'));
        clear('localStorage', s.getAttribute('data-vern-storage'));
      }
    });
    // What the banner configuration declares for each refused purpose.
    cfg.purposes.forEach(function (p) {
      if (!p.required && !allowed(p.key)) { (p.storage || []).forEach(function (d) { clear(d.type, d.name); }); }
    });
    document.dispatchEvent(new CustomEvent('vern:consent', { detail: { purposes: state ? state.purposes.slice() : [] } }));
  }

  // ---- Talking to Vern. ----
  function loadConfig() {
    return fetch(base + '/site/banner-config', { credentials: 'omit' }).then(function (r) { return r.json(); });
  }
  function choose(decision, purposes, gpc, reason) {
    var body = { consentId: state ? state.id : null, decision: decision, purposes: purposes,
      gpc: !!gpc, version: cfg.version, lang: lang, reason: reason || 'CHOICE' };
    return fetch(base + '/site/consent', { method: 'POST', credentials: 'omit', body: JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 409) { return loadConfig().then(function (c) { cfg = c; show(); }); }
        if (!r.ok) { throw new Error('consent ' + r.status); }
        return r.json().then(function (res) {
          writeCookie(res.cookie);
          state = readCookie();
          apply();
          hide();
          if (!reason) { say(t('saved')); }
        });
      });
  }

  // ---- The banner (first layer: accept, reject and choose, equally prominent; no wall). ----
  function t(key) { return cfg.texts[lang][key]; }
  function gpcOn() { return navigator.globalPrivacyControl === true || cfg.gpc; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  function button(text, action) {
    var b = el('button', 'vern-btn', text);
    b.type = 'button';
    b.setAttribute('data-vern-action', action);
    return b;
  }
  function say(text) {
    if (!live) { live = el('div', 'vern-live'); live.setAttribute('role', 'status'); document.body.appendChild(live); }
    live.textContent = text;
  }
  function remove() {
    if (root) { root.parentNode.removeChild(root); root = null; }
  }
  // Every close (Escape, Save, accept, reject, close) gives focus back to the link that opened the banner.
  function hide() {
    remove();
    if (opener) { opener.focus(); opener = null; }
  }
  // notice: 'refused' or 'withdrawn' right after GPC was honoured for the visitor.
  function show(notice) {
    remove();
    var gpc = gpcOn();
    root = el('div', 'vern-banner');
    root.id = 'vern-banner';
    root.lang = lang;
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-modal', 'false');
    root.setAttribute('aria-labelledby', 'vern-title');
    var title = el('h2', 'vern-title', t('title'));
    title.id = 'vern-title';
    title.tabIndex = -1;
    root.appendChild(title);
    if (gpc) { root.appendChild(el('p', 'vern-gpc', t(notice === 'withdrawn' ? 'gpcWithdrawn' : 'gpc'))); }
    if (!gpc) { root.appendChild(el('p', 'vern-intro', t('intro'))); }
    var details = el('fieldset', 'vern-details');
    details.hidden = true;
    details.appendChild(el('legend', 'vern-legend', t('choose')));
    cfg.purposes.forEach(function (p) {
      var row = el('div', 'vern-purpose');
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.id = 'vern-p-' + p.key;
      box.name = p.key;
      box.checked = p.required || allowed(p.key);
      box.disabled = p.required;
      var label = el('label', 'vern-label', p.name[lang] + (p.required ? ' (' + t('required') + ')' : ''));
      label.htmlFor = box.id;
      var text = el('p', 'vern-desc', p.description[lang]);
      text.id = box.id + '-desc';
      box.setAttribute('aria-describedby', text.id);
      row.appendChild(box); row.appendChild(label); row.appendChild(text);
      details.appendChild(row);
    });
    root.appendChild(details);
    var actions = el('div', 'vern-actions');
    var choose1 = button(t('choose'), 'choose');
    choose1.setAttribute('aria-expanded', 'false');
    choose1.setAttribute('aria-controls', 'vern-details');
    details.id = 'vern-details';
    var save = button(t('save'), 'save');
    save.hidden = true;
    if (gpc) {
      // Under Global Privacy Control there is nothing to accept: the refusal is recorded, the banner only tells.
      actions.appendChild(button(t('close'), 'close'));
    } else {
      actions.appendChild(button(t('acceptAll'), 'accept'));
      actions.appendChild(button(t('rejectAll'), 'reject'));
      actions.appendChild(choose1);
      actions.appendChild(save);
    }
    root.appendChild(actions);
    var links = el('p', 'vern-links');
    var policy = el('a', 'vern-link', t('policy'));
    policy.href = base + cfg.policyUrl[lang];
    links.appendChild(policy);
    if (state) {
      var own = el('a', 'vern-link', t('seeChoice'));
      own.href = base + '/site/consent/' + state.id;
      links.appendChild(own);
    }
    root.appendChild(links);
    root.addEventListener('click', function (e) {
      var a = e.target.getAttribute && e.target.getAttribute('data-vern-action');
      if (a === 'accept') { choose('ACCEPT_ALL', OPTIONAL.slice(), gpc); }
      if (a === 'reject') { choose('REJECT_ALL', [], gpc); }
      if (a === 'close') { hide(); }
      if (a === 'choose') {
        details.hidden = !details.hidden;
        save.hidden = details.hidden;
        choose1.setAttribute('aria-expanded', String(!details.hidden));
        if (!details.hidden) { details.querySelector('input:not([disabled])').focus(); }
      }
      if (a === 'save') {
        var chosen = OPTIONAL.filter(function (k) { return details.querySelector('#vern-p-' + k).checked; });
        choose(chosen.length === OPTIONAL.length ? 'ACCEPT_ALL' : chosen.length ? 'CUSTOM' : 'REJECT_ALL', chosen, gpc);
      }
    });
    root.addEventListener('keydown', function (e) { if (e.key === 'Escape' && (state || gpc)) { hide(); } });
    document.body.appendChild(root);
    title.focus();
  }

  // ---- "Privacy settings" re-opens the banner on every page. ----
  function settingsLinks() {
    var links = document.querySelectorAll('[data-vern-settings]');
    if (!links.length) {
      var b = el('button', 'vern-settings', t('settings'));
      b.type = 'button';
      b.setAttribute('data-vern-settings', '');
      document.body.appendChild(b);
      links = [b];
    }
    Array.prototype.forEach.call(links, function (l) {
      l.addEventListener('click', function (e) { e.preventDefault(); opener = l; show(); });
    });
  }

  function start() {
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = base + '/site/vern.css';
    document.head.appendChild(css);
    loadConfig().then(function (c) {
      cfg = c;
      settingsLinks();
      var current = state && state.version === cfg.version;
      if (gpcOn() && !(current && state.gpc && !state.purposes.length)) {
        // GPC refuses every optional purpose on every visit, also after an earlier accept: stop and delete what
        // they stored now, record the refusal as a new proof (reason GPC), then say what was done.
        var withdrawn = !!state && state.purposes.length > 0;
        if (state) { state.purposes = []; }
        apply();
        choose('REJECT_ALL', [], true, 'GPC').then(function () { show(withdrawn ? 'withdrawn' : 'refused'); });
      } else if (current) {
        // Also when GPC was turned off since: the recorded refusal stays until the visitor chooses again.
        apply();
      } else {
        // No choice yet, or the banner changed (new record-of-processing version): ask (again).
        show();
      }
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
