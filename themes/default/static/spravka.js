// Spravka page script: progressive enhancement only. Without it every page is complete;
// with it the upcoming consultations stay current and the support status shows "open now".
// Plain ES2017, no modules, no libraries. Strings come from data- attributes (the theme's i18n).
(function () {
  'use strict';

  var browser = typeof document !== 'undefined';
  var lang = (browser && document.documentElement.lang) || undefined;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // (a) Upcoming consultations: the next six sessions that have not ended yet.
  var UPCOMING = 6;

  function fact(dl, label, value) {
    if (!value) return;
    var row = el('div');
    row.appendChild(el('dt', null, label + ':'));
    row.appendChild(document.createTextNode(' '));
    row.appendChild(el('dd', null, value));
    dl.appendChild(row);
  }

  // Same markup as the session component in components.html.
  function sessionItem(s, labels, moved) {
    var li = el('li', 'session');
    var when = el('p', 'session-when');
    when.appendChild(el('strong', null, s.date));
    when.appendChild(document.createTextNode(', '));
    when.appendChild(el('span', 'session-time', s.time));
    if (moved) {
      when.appendChild(document.createTextNode(' '));
      when.appendChild(el('span', 'badge badge-moved', labels.moved));
    }
    li.appendChild(when);
    li.appendChild(el('p', 'session-title', s.title));
    var dl = el('dl', 'session-facts');
    fact(dl, labels.kind, s.kind);
    fact(dl, labels.place, s.place);
    fact(dl, labels.who, s.who);
    fact(dl, labels.audience, s.audience);
    li.appendChild(dl);
    if (s.note) li.appendChild(el('p', 'session-note', s.note));
    return li;
  }

  // The same words as the page: "1 сентября 2025 г., понедельник" (page_date_weekday in views.rs).
  function longDate(iso, data) {
    var p = iso.split('-');
    var y = +p[0], m = +p[1], d = +p[2];
    var weekday = data.weekdays[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
    var date = data.page_date.replace('{day}', String(d)).replace('{month}', data.months[m - 1])
      .replace('{year}', String(y));
    return data.date_weekday.replace('{date}', date).replace('{weekday}', weekday);
  }

  // The "as of" date in running text: "1 декабря 2026 г." (page_date in views.rs).
  function plainDate(date, data) {
    return data.page_date.replace('{day}', String(date.getDate()))
      .replace('{month}', data.months[date.getMonth()]).replace('{year}', String(date.getFullYear()));
  }

  // `data.sessions` holds [start, end (Unix seconds), local date, index into data.kinds].
  function upcoming(data, nowMs) {
    var next = [];
    for (var i = 0; i < data.sessions.length && next.length < UPCOMING; i++) {
      var row = data.sessions[i];
      if (row[1] * 1000 <= nowMs) continue;
      var kind = data.kinds[row[3]];
      next.push({
        date: longDate(row[2], data), time: kind.time, title: kind.title, kind: kind.kind, place: kind.place,
        who: kind.who, audience: kind.audience, note: kind.note, moved: kind.moved
      });
    }
    return next;
  }

  function renderUpcoming(section, data, movedKeys) {
    var d = section.dataset;
    var labels = { moved: d.moved, kind: d.kind, place: d.place, who: d.who, audience: d.audience };
    var now = Date.now();
    var next = upcoming(data, now);
    var list;
    if (next.length) {
      list = el('ol', 'sessions');
      next.forEach(function (s) {
        var moved = s.moved === true || movedKeys.indexOf(s.date + ' ' + s.time) >= 0;
        list.appendChild(sessionItem(s, labels, moved));
      });
    } else {
      list = el('p', 'sessions-none', d.none);
    }
    var old = section.querySelector('.sessions, .sessions-none');
    if (!old) section.appendChild(list);
    else if (old.textContent !== list.textContent) section.replaceChild(list, old);
    // The list is now computed for the reader's today: the "as of" line says that date.
    var asOf = section.querySelector('.as-of');
    if (asOf && d.asOf && data.page_date) {
      var line = d.asOf.replace('{date}', plainDate(new Date(now), data));
      if (asOf.textContent !== line) asOf.textContent = line;
    }
  }

  // (a') The home page's next consultation for parents, as of the reader's today: the same
  // markup as home.html. A page built on Monday and read on Friday names Friday's next session.
  function nextState(data, nowMs, lastDay) {
    var next = upcoming(data, nowMs)[0];
    if (next) return { session: next };
    var today = isoDate(nowMs - new Date(nowMs).getTimezoneOffset() * 60000);
    return { ended: Boolean(lastDay) && today > lastDay };
  }

  function renderNext(section, data) {
    var d = section.dataset;
    var now = Date.now();
    var state = nextState(data, now, d.lastDay);
    var link = section.querySelector('a[href$="schedule.html"]');
    if (!link) return;
    var parts = [];
    if (state.session) {
      var s = state.session;
      var when = el('p', 'next-when');
      when.appendChild(el('strong', null, s.date));
      when.appendChild(document.createTextNode(', '));
      when.appendChild(el('span', 'session-time', s.time));
      if (s.moved) {
        when.appendChild(document.createTextNode(' '));
        when.appendChild(el('span', 'badge badge-moved', d.moved));
      }
      var title = s.title !== d.consultation ? s.title + '. ' : '';
      parts.push(when, el('p', 'next-place', title + d.place + ': ' + s.place));
      var asOf = el('p', 'as-of', d.asOf.replace('{date}', plainDate(new Date(now), data)) + ' ');
      asOf.appendChild(link.cloneNode(true));
      parts.push(asOf);
    } else if (section.querySelector('.next-when')) {
      // The build's next session has passed and none is left: say why, as the build would.
      var none = el('p', 'next-none', (state.ended && d.noneEnded ? d.noneEnded : d.none) + ' ');
      none.appendChild(link.cloneNode(true));
      parts.push(none);
    } else {
      return; // the build already said why there is none, and nothing has changed that
    }
    var old = Array.prototype.filter.call(section.children, function (c) { return c.tagName === 'P'; });
    var text = parts.map(function (p) { return p.textContent; }).join('');
    if (old.map(function (p) { return p.textContent; }).join('') === text) return;
    old.forEach(function (p) { section.removeChild(p); });
    var before = section.querySelector('script');
    parts.forEach(function (p) { section.insertBefore(p, before); });
  }

  // (b) Support hours: open now, or when it opens next, in the reader's own time.
  var DAY = 86400000;

  function isoDate(ms) { return new Date(ms).toISOString().slice(0, 10); }

  // `day` is midnight of a vendor-local date, expressed on the UTC time line.
  function works(w, day, data) {
    if (!w.workdays_only) return true; // "daily" windows are open every day
    var iso = isoDate(day);
    if ((data.rest_days || []).indexOf(iso) >= 0) return false;
    var dow = new Date(day).getUTCDay();
    if (dow === 0 || dow === 6) return (data.working_weekends || []).indexOf(iso) >= 0;
    return true;
  }

  // Returns { open: true } or { open: false, at: Date|null } for one window.
  function windowState(w, data, nowMs) {
    if (w.always) return { open: true };
    var offset = data.offset_minutes * 60000;
    var local = nowMs + offset; // vendor local time on the UTC time line
    var today = Math.floor(local / DAY) * DAY;
    var start = w.start * 60000;
    var end = (w.end > w.start ? w.end : w.end + 1440) * 60000; // an end before the start: next day
    for (var back = 1; back >= 0; back--) {
      var d = today - back * DAY;
      if (works(w, d, data) && local >= d + start && local < d + end) return { open: true };
    }
    for (var i = 0; i <= 14; i++) {
      var day = today + i * DAY;
      if (day + start > local && works(w, day, data)) return { open: false, at: new Date(day + start - offset) };
    }
    return { open: false, at: null };
  }

  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  function opensText(at, d) {
    var time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(at);
    var now = new Date();
    var tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    if (sameDay(at, now)) return d.today.replace('{time}', time);
    if (sameDay(at, tomorrow)) return d.tomorrow.replace('{time}', time);
    var date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long' }).format(at) +
      ' (' + new Intl.DateTimeFormat(lang, { weekday: 'short' }).format(at) + ')';
    return d.on.replace('{date}', date).replace('{time}', time);
  }

  function renderStatus(box, data) {
    var d = box.dataset;
    var list = box.querySelector('.status-list');
    var items = el('ul', 'status-list');
    data.windows.forEach(function (w) {
      var state = windowState(w, data, Date.now());
      var li = el('li', state.open ? 'is-open' : 'is-closed');
      li.appendChild(el('span', 'status-name', box.getAttribute('data-name-' + w.key) || w.key));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('strong', 'status-state', state.open ? d.open : d.closed));
      if (!state.open && state.at) li.appendChild(document.createTextNode(', ' + opensText(state.at, d)));
      items.appendChild(li);
    });
    // Replace only on a change, so the polite live region speaks only when the status changes.
    if (list.textContent !== items.textContent || !list.firstChild) box.replaceChild(items, list);
    box.hidden = false;
  }

  function run(fn) {
    try { fn(); } catch (e) { /* keep the server-rendered page as it is */ }
  }

  function init() {
    var section = document.querySelector('[data-sessions]');
    var sessions = null;
    var movedKeys = [];
    run(function () {
      sessions = section && readJson('sessions-data');
      if (section) {
        Array.prototype.forEach.call(section.querySelectorAll('li[data-moved-key]'), function (li) {
          movedKeys.push(li.getAttribute('data-moved-key'));
        });
      }
    });
    var home = document.querySelector('[data-next]');
    var parents = null;
    run(function () { parents = home && readJson('next-data'); });
    var box = document.getElementById('support-status');
    var support = null;
    run(function () { support = box && readJson('support-data'); });

    function refresh() {
      if (sessions && Array.isArray(sessions.sessions)) run(function () { renderUpcoming(section, sessions, movedKeys); });
      if (parents && Array.isArray(parents.sessions)) run(function () { renderNext(home, parents); });
      if (support && Array.isArray(support.windows) && support.windows.length) {
        run(function () { renderStatus(box, support); });
      }
    }
    refresh();
    if (sessions || parents || support) setInterval(refresh, 60000);
  }

  // Under Node (the project's tests), hand the pure functions out instead of touching a page.
  if (!browser) {
    if (typeof module === 'object' && module.exports) {
      module.exports = { longDate: longDate, plainDate: plainDate, upcoming: upcoming, nextState: nextState, windowState: windowState };
    }
    return;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
