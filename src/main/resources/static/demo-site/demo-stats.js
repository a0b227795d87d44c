/* Stands in for a third-party statistics tool that sets a cookie: it is embedded as
 * <script type="text/plain" data-vern-purpose="statistics"> and runs only after consent. */
(function () {
  'use strict';
  if (!/(?:^|;\s*)_demo_stats=/.test(document.cookie)) {
    var id = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(8)), function (b) { return b.toString(16); }).join('');
    document.cookie = '_demo_stats=' + id + '; Max-Age=31536000; Path=/; SameSite=Lax';
  }
  document.documentElement.setAttribute('data-demo-stats', 'ran');
}());
