// Live reload for `spravka serve` (never part of a built site). Asks the server, one long
// request at a time, whether a rebuild happened since the generation this page was loaded in:
// after a successful rebuild the page reloads; while the build fails, its problems are shown
// over the page, which still shows the last good build. The problems are inserted as text
// (textContent), never as HTML: whatever a message quotes from a file stays text.
(function () {
  "use strict";
  // The overlay's words: the server replaces this line with them in the language of
  // `spravka serve`'s messages.
  var WORDS = { lang: "en", title: "The build failed: this page shows the last good build", hide: "Hide" };
  var seen = null;
  var overlay = null;

  function show(error) {
    if (!error) {
      if (overlay) {
        overlay.remove();
        overlay = null;
      }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("lang", WORDS.lang);
      overlay.setAttribute("aria-labelledby", "spravka-live-title");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem;background:#fff;color:#000;border-top:4px solid #b00020;" +
        "font:1rem/1.4 system-ui,sans-serif;box-shadow:0 -2px 12px rgba(0,0,0,.3)";
      var title = document.createElement("h2");
      title.id = "spravka-live-title";
      title.style.cssText = "margin:0 0 .5rem;font-size:1.2rem;color:#b00020";
      title.textContent = WORDS.title;
      var text = document.createElement("pre");
      text.tabIndex = 0;
      text.style.cssText = "margin:0;white-space:pre-wrap;font:.9rem/1.35 monospace";
      var hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = WORDS.hide;
      hide.style.cssText = "margin-top:.75rem;font:inherit;padding:.4rem 1rem";
      hide.addEventListener("click", function () {
        overlay.hidden = true;
      });
      overlay.append(title, text, hide);
      document.body.append(overlay);
    }
    overlay.hidden = false;
    overlay.querySelector("pre").textContent = error;
  }

  function poll() {
    var url = "/__spravka/poll" + (seen === null ? "" : "?since=" + seen);
    var asked = Date.now();
    fetch(url, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("poll answered " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        if (seen !== null && state.generation !== seen && !state.error) {
          location.reload();
          return;
        }
        var unchanged = seen === state.generation;
        seen = state.generation;
        show(state.error);
        // A server answers a poll at once only with news; an answer without news that came
        // quickly would otherwise make this loop ask as fast as the network allows.
        setTimeout(poll, unchanged && Date.now() - asked < 1000 ? 2000 : 0);
      })
      .catch(function () {
        // The server stopped or restarts: try again a little later.
        setTimeout(poll, 2000);
      });
  }

  poll();
})();
