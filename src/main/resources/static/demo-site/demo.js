/* The demo contact form: remembers input in local storage only with consent to "preferences"
 * (S18, ekomloven § 3-15). vern.js deletes the vern-pref:* keys when that consent is withdrawn. */
(function () {
  'use strict';
  var KEY = 'vern-pref:contact';
  var remember = false;
  var form = document.getElementById('contact-form');
  if (!form) { return; }
  var fields = ['name', 'email', 'message'];
  var hint = document.getElementById('contact-remember');
  var nb = document.documentElement.lang !== 'en';
  function save() {
    if (!remember) { return; }
    var data = {};
    fields.forEach(function (f) { data[f] = form.elements[f].value; });
    localStorage.setItem(KEY, JSON.stringify(data));
  }
  document.addEventListener('vern:consent', function (e) {
    remember = e.detail.purposes.indexOf('preferences') >= 0;
    hint.textContent = remember ? (nb ? 'Skjemaet husker det du skriver (du har samtykket til preferanser).'
      : 'The form remembers your input (you consented to preferences).')
      : (nb ? 'Skjemaet husker ingenting.' : 'The form remembers nothing.');
    if (remember) {
      var stored = localStorage.getItem(KEY);
      if (stored) {
        var data = JSON.parse(stored);
        fields.forEach(function (f) { if (typeof data[f] === 'string' && !form.elements[f].value) { form.elements[f].value = data[f]; } });
      }
      save();
    }
  });
  form.addEventListener('input', save);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    form.reset();
    localStorage.removeItem(KEY);
    document.getElementById('contact-sent').hidden = false;
  });
}());
