// Spravka search: finds the pages of a school's site that hold the words of a query in any of
// their forms. Runs in the browser over window.SPRAVKA_SEARCH (assets/search-index.js, written by
// `spravka build`), so it works from file:// with nothing fetched. Plain ES2017, no modules, no
// libraries; text reaches the page through textContent only.
//
// The index holds each page's link, title and text. Its words are split, folded («ё» as «е») and
// stemmed here, once per page view after the page is shown, by stem() below: the Snowball Russian
// algorithm written from its published definition (snowballstem.org/algorithms/russian/
// stemmer.html). A test of the project runs it and the Snowball crate rust-stemmers over every
// word of the example sites and finds no difference.
(function () {
  'use strict';

  // ---- The Snowball Russian stemmer ----

  var VOWEL = { 'а': 1, 'е': 1, 'и': 1, 'о': 1, 'у': 1, 'ы': 1, 'э': 1, 'ю': 1, 'я': 1 };

  // An `among` of the algorithm: its endings, longest first; `after` marks the endings that are
  // removed only after «а» or «я» (the algorithm's group 1), which itself stays.
  function among(after, others) {
    var all = after.concat(others || []);
    all.sort(function (a, b) { return b.length - a.length; });
    var set = {};
    after.forEach(function (e) { set[e] = 1; });
    return { all: all, after: set };
  }

  var GERUND = among(['в', 'вши', 'вшись'], ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись']);
  var ADJECTIVE = among([], ['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем',
    'им', 'ым', 'ом', 'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею']);
  var PARTICIPLE = among(['ем', 'нн', 'вш', 'ющ', 'щ'], ['ивш', 'ывш', 'ующ']);
  var REFLEXIVE = among([], ['ся', 'сь']);
  var VERB = among(['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют',
    'ны', 'ть', 'ешь', 'нно'], ['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей',
    'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены',
    'ить', 'ыть', 'ишь', 'ую', 'ю']);
  var NOUN = among([], ['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и',
    'ией', 'ей', 'ой', 'ий', 'й', 'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях',
    'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я']);
  var DERIVATIONAL = among([], ['ост', 'ость']);
  var TIDY = among([], ['ейш', 'ейше', 'н', 'ь']);

  // The longest ending of `table` that `s` has inside RV (from `rv` on), or null.
  function ending(s, rv, table) {
    for (var i = 0; i < table.all.length; i++) {
      var e = table.all[i];
      if (s.length - e.length >= rv && s.slice(s.length - e.length) === e) return e;
    }
    return null;
  }

  // `s` without the ending of `table` it has, or null when it has none (or a group 1 ending
  // without «а» or «я», also inside RV, before it). As in Snowball, a longer ending that fails
  // does not let a shorter one be tried.
  function removed(s, rv, table) {
    var e = ending(s, rv, table);
    if (e === null) return null;
    var start = s.length - e.length;
    if (table.after[e]) {
      var before = s.charAt(start - 1);
      if (start - 1 < rv || (before !== 'а' && before !== 'я')) return null;
    }
    return s.slice(0, start);
  }

  // RV starts after the first vowel; R2 after the first non-vowel that follows a vowel, counted
  // twice. Both are the word's length when the word has no such place.
  function regions(w) {
    var n = w.length, rv = n, r2 = n, i = 0;
    var past = function (vowel) {
      while (i < n && !!VOWEL[w.charAt(i)] !== vowel) i++;
      if (i >= n) return false;
      i++;
      return true;
    };
    if (past(true)) {
      rv = i;
      if (past(false) && past(true) && past(false)) r2 = i;
    }
    return [rv, r2];
  }

  function adjectival(s, rv) {
    var t = removed(s, rv, ADJECTIVE);
    if (t === null) return null;
    var u = removed(t, rv, PARTICIPLE);
    return u === null ? t : u;
  }

  // The stem of a word in lower case with «ё» written «е» (see normalize).
  function stem(word) {
    var r = regions(word), rv = r[0], r2 = r[1];
    var s = word, t = removed(s, rv, GERUND);
    if (t !== null) {
      s = t;
    } else {
      t = removed(s, rv, REFLEXIVE);
      if (t !== null) s = t;
      t = adjectival(s, rv);
      if (t === null) t = removed(s, rv, VERB);
      if (t === null) t = removed(s, rv, NOUN);
      if (t !== null) s = t;
    }
    if (s.length - 1 >= rv && s.charAt(s.length - 1) === 'и') s = s.slice(0, -1);
    var e = ending(s, rv, DERIVATIONAL);
    if (e !== null && s.length - e.length >= r2) s = s.slice(0, s.length - e.length);
    e = ending(s, rv, TIDY);
    var undouble = function () {
      if (s.length - 2 >= rv && s.slice(-2) === 'нн') s = s.slice(0, -1);
    };
    if (e === 'ейш' || e === 'ейше') {
      s = s.slice(0, s.length - e.length);
      undouble();
    } else if (e === 'н') {
      undouble();
    } else if (e === 'ь') {
      s = s.slice(0, -1);
    }
    return s;
  }

  // ---- Words ----

  // The same set as is_word_char in src/render/search.rs: ASCII letters and digits, Cyrillic.
  var WORD = /[0-9A-Za-z\u0400-\u04FF]+/g;

  function normalize(word) {
    return word.toLowerCase().replace(/ё/g, 'е');
  }

  // `text` lower-cased with «ё» as «е», each character where it was (for the snippet's marks).
  function folded(text) {
    var lower = text.toLowerCase();
    if (lower.length !== text.length) {
      lower = text.replace(/[A-Z\u0400-\u04FF]/g, function (c) { return c.toLowerCase(); });
    }
    return lower.replace(/ё/g, 'е');
  }

  // Words that say nothing of what is sought: left out of a query that has other words.
  var STOP = {};
  ('и в во на не что как а с со к ко о об от по из у за для ли же бы то или если я мне мой ' +
    'моя мое мои это где когда там тут при до без над под про так его ее их он она они мы вы ' +
    'нам вам есть был была было быть но да нет уже еще чтобы можно')
    .split(' ').forEach(function (w) { STOP[w] = 1; });

  var stems = {};
  function stemOf(word) {
    var s = stems[word];
    if (s === undefined) s = stems[word] = stem(word);
    return s;
  }

  // The query's words as stems, each once; stop words only when there is nothing else.
  function queryStems(query) {
    var words = (query.match(WORD) || []).map(normalize);
    var kept = words.filter(function (w) { return !STOP[w]; });
    var result = [];
    (kept.length ? kept : words).forEach(function (w) {
      var s = stemOf(w);
      if (s && result.indexOf(s) < 0) result.push(s);
    });
    return result;
  }

  // ---- The index ----

  // The index as search needs it, made once from window.SPRAVKA_SEARCH: every page's words
  // (where they are in its text), every distinct word's stem, and the sorted distinct stems (for
  // the stems a query word begins).
  function prepare(index) {
    if (index.prepared) return index.prepared;
    var started = Date.now();
    var docs = index.docs.map(function (record) {
      return { url: record[0], title: record[1], text: record[2], words: {}, titleWords: {} };
    });
    var seen = {};
    docs.forEach(function (d) {
      (folded(d.title).match(WORD) || []).forEach(function (w) { d.titleWords[w] = 1; seen[w] = 1; });
      var text = folded(d.text), m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text)) !== null) {
        var w = m[0];
        (d.words[w] || (d.words[w] = [])).push(m.index);
        seen[w] = 1;
      }
    });
    var stemOfWord = {}, byStem = {};
    Object.keys(seen).forEach(function (w) {
      var s = stemOf(w);
      stemOfWord[w] = s;
      (byStem[s] || (byStem[s] = [])).push(w);
    });
    index.prepared = { docs: docs, stemOf: stemOfWord, byStem: byStem, stems: Object.keys(byStem).sort() };
    index.preparedMs = Date.now() - started;
    return index.prepared;
  }

  // The stems of the index that the query stem `q` stands for: itself, and the longer stems it
  // begins («дневн» typed so far finds «дневник»).
  function matching(prepared, q) {
    var stems = prepared.stems, lo = 0, hi = stems.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (stems[mid] < q) lo = mid + 1; else hi = mid;
    }
    var found = [];
    for (var i = lo; i < stems.length && stems[i].lastIndexOf(q, 0) === 0; i++) found.push(stems[i]);
    return found;
  }

  // ---- Search ----

  // The words of page `d` whose stem is one of `stems`.
  function wordsOf(prepared, d, stems, inTitle) {
    var found = [], own = inTitle ? d.titleWords : d.words;
    stems.forEach(function (s) {
      prepared.byStem[s].forEach(function (w) { if (own[w]) found.push(w); });
    });
    return found;
  }

  var SNIPPET = 180;
  var BEFORE = 50;

  // The hit to start the snippet at: the one followed, within a snippet, by the most different
  // stems of the query, then by the most hits.
  function anchor(hits) {
    var best = 0, bestScore = -1;
    for (var i = 0; i < hits.length && i < 200; i++) {
      var seen = {}, score = 0;
      for (var j = i; j < hits.length && hits[j][1] <= hits[i][0] + SNIPPET - BEFORE; j++) {
        score += seen[hits[j][2]] ? 1 : 1000;
        seen[hits[j][2]] = 1;
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return hits.length ? hits[best][0] : 0;
  }

  // A piece of the text around the best hits, cut at spaces, as parts [text, marked].
  function snippet(text, hits) {
    var first = anchor(hits);
    var start = Math.max(0, first - BEFORE);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      end = back > first ? back : end;
    }
    var parts = [], at = start;
    if (start > 0) parts.push(['…', false]);
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > end) return;
      if (h[0] > at) parts.push([text.slice(at, h[0]), false]);
      parts.push([text.slice(h[0], h[1]), true]);
      at = h[1];
    });
    if (end > at) parts.push([text.slice(at, end), false]);
    if (end < text.length) parts.push(['…', false]);
    return parts;
  }

  // Where page `d`'s text has one of `words`: [start, end, stem] in order.
  function hitsOf(prepared, d, words) {
    var hits = [];
    words.forEach(function (w) {
      var s = prepared.stemOf[w];
      d.words[w].forEach(function (at) { hits.push([at, at + w.length, s]); });
    });
    return hits.sort(function (a, b) { return a[0] - b[0]; });
  }

  // The pages for `query`, best first: [{url, title, parts}]. A page must hold every word of the
  // query; when none does, the pages that hold the most of them. Rarer words weigh more, a word
  // in the title four times more, a word said often a little more, a long page a little less.
  function search(index, query) {
    var qs = queryStems(query);
    if (!qs.length) return [];
    var prepared = prepare(index);
    var stemsOf = qs.map(function (q) { return matching(prepared, q); });
    var all = prepared.docs;
    var scored = all.map(function (d, n) {
      var r = { d: d, n: n, count: 0, score: 0, words: [] };
      r.found = stemsOf.map(function (stems) {
        var words = wordsOf(prepared, d, stems, false);
        var title = wordsOf(prepared, d, stems, true);
        if (words.length || title.length) r.count++;
        r.words = r.words.concat(words);
        return { any: words.length + title.length > 0, title: title.length > 0 };
      });
      return r;
    });
    var best = scored.reduce(function (max, r) { return Math.max(max, r.count); }, 0);
    if (!best) return [];
    var results = scored.filter(function (r) { return r.count === best; });
    qs.forEach(function (q, i) {
      var df = scored.filter(function (r) { return r.found[i].any; }).length;
      var weight = Math.log(1 + all.length / Math.max(df, 1));
      results.forEach(function (r) {
        if (r.found[i].any) r.score += weight * (r.found[i].title ? 4 : 1);
      });
    });
    results.forEach(function (r) {
      r.hits = hitsOf(prepared, r.d, r.words);
      r.score *= (1 + Math.log(1 + r.hits.length)) / (1 + Math.log(1 + r.d.text.length / 4000));
    });
    results.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    return results.map(function (r) {
      return { url: r.d.url, title: r.d.title, parts: snippet(r.d.text, r.hits) };
    });
  }

  // ---- The page ----

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function show(index, query, list, status) {
    var started = Date.now();
    var results = query.trim() ? search(index, query) : [];
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (r) {
      var li = el('li', 'search-result');
      var link = el('a', null, r.title);
      link.href = r.url;
      li.appendChild(link);
      var p = el('p', 'search-snippet');
      r.parts.forEach(function (part) {
        p.appendChild(part[1] ? el('mark', null, part[0]) : document.createTextNode(part[0]));
      });
      li.appendChild(p);
      list.appendChild(li);
    });
    var found = index.found;
    status.textContent = !query.trim() ? '' : found[Math.min(results.length, found.length - 1)];
    list.setAttribute('data-ms', String(Date.now() - started));
  }

  function queryOf(search) {
    var match = /(?:^\?|&)q=([^&]*)/.exec(search);
    if (!match) return '';
    try {
      return decodeURIComponent(match[1].replace(/\+/g, ' '));
    } catch (error) {
      return '';
    }
  }

  // Arrow keys move between the box and the results' links, Escape goes back to the box (and
  // clears it when already there); Tab and Enter work as on any form and link.
  function keyboard(input, list) {
    function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && links().length) {
        event.preventDefault();
        links()[0].focus();
      }
    });
    list.addEventListener('keydown', function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === 'ArrowDown' && at + 1 < all.length) {
        event.preventDefault();
        all[at + 1].focus();
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        (at > 0 ? all[at - 1] : input).focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        input.focus();
      }
    });
  }

  function start() {
    var index = window.SPRAVKA_SEARCH;
    var box = document.getElementById('search');
    var form = box && box.querySelector('form');
    var input = document.getElementById('search-q');
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    if (!index || !form || !input || !list || !status) return;
    box.hidden = false;
    var shown = null, timer = null;
    function update(remember) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (input.value !== shown) {
        shown = input.value;
        show(index, shown, list, status);
      }
      if (!remember) return;
      try {
        history.replaceState(null, '', shown.trim() ? '?q=' + encodeURIComponent(shown) : location.pathname);
      } catch (error) {
        // Some browsers refuse to change a file:// address: the results are shown all the same.
      }
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      update(true);
    });
    // Results while typing, once the reader pauses: the count is announced once, not per key.
    input.addEventListener('input', function () {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(function () { update(false); }, 300);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && input.value) {
        input.value = '';
        update(true);
      }
    });
    keyboard(input, list);
    var query = queryOf(location.search);
    if (query) {
      input.value = query;
      update(false);
      input.focus();
    } else {
      // Ready before the first query, not during it: the page is already shown by then. One
      // search of a page's title runs the search code once, so that the reader's first query
      // does not wait for the browser to compile it (a third of that query's time).
      setTimeout(function () {
        prepare(index);
        if (index.docs.length) search(index, index.docs[0][1]);
      }, 0);
    }
  }

  if (typeof document !== 'undefined') {
    start();
  } else if (typeof module !== 'undefined') {
    module.exports = { stem: stem, normalize: normalize, search: search, prepare: prepare };
  }
})();
