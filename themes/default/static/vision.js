// Spravka: the version for the visually impaired (ГОСТ Р 52872-2019). Loaded without `defer` in
// <head>: it applies the reader's saved settings to <html> before the first paint, so no page
// flashes in the standard look. The panel is built here once the page is parsed, from the
// words below (Spravka writes the theme's [vision] translations in place of the marker), so no
// page carries its markup: its buttons need this script anyway.
// Settings live in localStorage (it also works from file://); when storage is unavailable they
// last for the page. Plain ES2017, no modules, no libraries.
(function () {
  'use strict';

  var KEY = 'spravka-vision';
  // Every setting with its allowed values; the first is the standard one.
  var OPTIONS = {
    size: ['100', '150', '200'],
    scheme: ['normal', 'bw', 'wb', 'blue', 'brown'],
    images: ['on', 'off'],
    letters: ['normal', 'large', 'largest'],
    lines: ['normal', 'large', 'largest'],
    font: ['sans', 'serif']
  };
  var LABELS = /* spravka: the [vision] translations */ {};
  var root = document.documentElement;
  root.classList.add('js');

  // The saved settings, keeping only known names and values (storage is the reader's to edit).
  function load() {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(KEY));
    } catch (error) {
      return null;
    }
    if (!saved || typeof saved !== 'object') return null;
    var settings = {};
    Object.keys(OPTIONS).forEach(function (name) {
      var value = String(saved[name]);
      settings[name] = OPTIONS[name].indexOf(value) >= 0 ? value : OPTIONS[name][0];
    });
    return settings;
  }

  function save(settings) {
    try {
      if (settings) window.localStorage.setItem(KEY, JSON.stringify(settings));
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // Private mode or storage disabled: the settings last for this page.
    }
  }

  // `null` is the standard version: no attribute, no class.
  function apply(settings) {
    Object.keys(OPTIONS).forEach(function (name) {
      var value = settings && settings[name];
      if (value && value !== OPTIONS[name][0]) root.setAttribute('data-vision-' + name, value);
      else root.removeAttribute('data-vision-' + name);
    });
    root.classList.toggle('vision', settings !== null);
  }

  var current = load();
  apply(current);

  function standard() {
    var settings = {};
    Object.keys(OPTIONS).forEach(function (name) { settings[name] = OPTIONS[name][0]; });
    return settings;
  }

  // Images hidden show their text alternative in their place.
  function labelImages(word) {
    var images = document.querySelectorAll('main img[alt], main svg[role="img"][aria-label]');
    Array.prototype.forEach.call(images, function (image) {
      var next = image.nextElementSibling;
      if (next && next.classList.contains('vision-alt')) return;
      var text = image.getAttribute('alt') || image.getAttribute('aria-label');
      if (!text) return;
      var span = document.createElement('span');
      span.className = 'vision-alt';
      span.textContent = word + ': ' + text;
      image.insertAdjacentElement('afterend', span);
    });
  }

  // The panel as the page once carried it: one group of aria-pressed buttons per setting.
  function buildPanel(words) {
    var word = function (key) { return words[key] || key; };
    var panel = document.createElement('section');
    panel.id = 'vision-panel';
    panel.className = 'vision-panel';
    panel.setAttribute('aria-label', word('panel'));
    panel.hidden = true;
    var wrap = panel.appendChild(document.createElement('div'));
    wrap.className = 'wrap';
    Object.keys(OPTIONS).forEach(function (name) {
      var group = wrap.appendChild(document.createElement('div'));
      group.className = 'vision-group';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-labelledby', 'vision-label-' + name);
      var label = group.appendChild(document.createElement('p'));
      label.className = 'vision-label';
      label.id = 'vision-label-' + name;
      label.textContent = word(name);
      var options = group.appendChild(document.createElement('div'));
      options.className = 'vision-options';
      OPTIONS[name].forEach(function (value, i) {
        var spacing = name === 'letters' || name === 'lines';
        var button = options.appendChild(document.createElement('button'));
        button.type = 'button';
        button.className = 'vision-option';
        button.setAttribute('data-vision', name);
        button.setAttribute('data-value', value);
        button.setAttribute('aria-pressed', String(i === 0));
        button.textContent = word((spacing ? 'spacing' : name) + '_' + value);
      });
    });
    var reset = wrap.appendChild(document.createElement('p'));
    reset.className = 'vision-reset';
    var back = reset.appendChild(document.createElement('button'));
    back.type = 'button';
    back.setAttribute('data-vision-reset', '');
    back.textContent = word('normal');
    return panel;
  }

  function wire() {
    var toggle = document.querySelector('.vision-toggle');
    var header = toggle && toggle.closest('header');
    if (!header) return;
    var words = LABELS[root.lang] || LABELS.ru || {};
    var panel = buildPanel(words);
    header.insertAdjacentElement('afterend', panel);
    var buttons = panel.querySelectorAll('[data-vision]');

    function show(settings) {
      panel.hidden = settings === null;
      toggle.setAttribute('aria-expanded', String(settings !== null));
      Array.prototype.forEach.call(buttons, function (button) {
        var name = button.getAttribute('data-vision');
        var chosen = settings ? settings[name] : OPTIONS[name][0];
        button.setAttribute('aria-pressed', String(button.getAttribute('data-value') === chosen));
      });
    }

    function change(settings) {
      current = settings;
      apply(settings);
      save(settings);
      show(settings);
    }

    toggle.addEventListener('click', function () {
      if (current) {
        panel.hidden = !panel.hidden;
        toggle.setAttribute('aria-expanded', String(!panel.hidden));
      } else {
        change(standard());
      }
      if (!panel.hidden) {
        var first = panel.querySelector('[aria-pressed="true"]');
        if (first) first.focus();
      }
    });
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener('click', function () {
        var settings = current || standard();
        settings[button.getAttribute('data-vision')] = button.getAttribute('data-value');
        change(settings);
      });
    });
    var reset = panel.querySelector('[data-vision-reset]');
    if (reset) {
      reset.addEventListener('click', function () {
        change(null);
        toggle.focus();
      });
    }
    labelImages(words.image || '');
    show(current);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
