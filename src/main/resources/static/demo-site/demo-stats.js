/* Stands in for a third-party statistics tool that sets a cookie: it is embedded as
 * <script type="text/plain" data-vern-purpose="statistics"> and runs only after consent. */
(function () {
  'use strict';
  if (!/(?:^|;\s*)_demo_stats=/.test(document.cookie)) {
    var id = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(8)), function (b) { return b.toString(16); }).join('');
    document.cookie = '_demo_stats=' + id + '; Max-Age=31536000; Path=/; SameSite=Lax';
  }
  // Like many such tools it also keeps state in local storage; the page declares both (data-vern-cookies,
  // data-vern-storage), so the banner deletes them when the visitor refuses or Global Privacy Control is sent.
  localStorage.setItem('_demo_stats_visits', String(1 + Number(localStorage.getItem('_demo_stats_visits') || 0)));
  document.documentElement.setAttribute('data-demo-stats', 'ran');
}());
