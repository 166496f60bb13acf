// The live broadcast on the session page: polls the session's one shared URL (cacheable; 304
// when nothing changed), every few seconds while the tab is visible and less often when hidden,
// backs off on errors and stops when the session has ended. New and corrected entries replace
// or join the list in place; the reader's scroll position and focus never move, and a screen
// reader hears one polite summary per update, not every entry. Without JavaScript a reload
// shows everything.
(function () {
  "use strict";
  var region = document.querySelector("[data-live-url]");
  if (!region || !window.fetch || !window.JSON) return;
  var list = region.querySelector("[data-live-entries]");
  var announcer = region.querySelector("[data-live-announcer]");
  var errorNote = region.querySelector("[data-live-error]");
  var controls = region.querySelector("[data-live-controls]");
  var url = region.getAttribute("data-live-url");
  var version = parseInt(region.getAttribute("data-live-version"), 10) || 0;
  var interval = (parseInt(region.getAttribute("data-live-interval"), 10) || 5) * 1000;
  var hiddenInterval = 30000;
  var newestFirst = true;
  var failures = 0;
  var timer = null;
  var stopped = false;
  var busy = false;

  function text(name, count) {
    var template = region.getAttribute("data-live-" + name + (count === 1 ? "-one" : "-many")) || "";
    return template.replace("{count}", String(count));
  }

  function entryNode(html) {
    var holder = document.createElement("ol");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  // The first entry at or below the top of the window: it stays where it is on screen while
  // entries are added above it.
  function anchor() {
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      var top = items[i].getBoundingClientRect().top;
      if (top >= 0) return { node: items[i], top: top };
    }
    return null;
  }

  function apply(entries) {
    var added = 0;
    var latest = null;
    var keep = anchor();
    var focused = document.activeElement;
    entries.forEach(function (entry) {
      var node = entryNode(entry.html);
      if (!node) return;
      var existing = list.querySelector('[data-entry-id="' + entry.id + '"]');
      if (existing) {
        if ((parseInt(existing.getAttribute("data-version"), 10) || 0) >= entry.version) return;
        if (existing.contains(focused)) {
          // Leave the entry the reader is on alone; the next reload shows the correction.
          return;
        }
        existing.parentNode.replaceChild(node, existing);
        return;
      }
      // Entries come in ascending order of position: place each by its id.
      var items = list.children;
      var placed = false;
      for (var i = 0; i < items.length; i++) {
        var id = parseInt(items[i].getAttribute("data-entry-id"), 10);
        if (newestFirst ? id < entry.id : id > entry.id) {
          list.insertBefore(node, items[i]);
          placed = true;
          break;
        }
      }
      if (!placed) list.appendChild(node);
      added += 1;
      if (!entry.withdrawn) latest = node;
    });
    if (keep && keep.node.isConnected) {
      var shift = keep.node.getBoundingClientRect().top - keep.top;
      if (shift) window.scrollBy(0, shift);
    }
    if (added && announcer) {
      var summary = text("new", added);
      if (latest) {
        var words = (latest.textContent || "").replace(/\s+/g, " ").trim();
        summary += " " + (words.length > 120 ? words.slice(0, 120) + "…" : words);
      }
      announcer.textContent = summary;
    }
    var empty = region.querySelector("[data-live-empty]");
    if (empty && list.children.length) empty.hidden = true;
  }

  function schedule(delay) {
    if (stopped) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, delay);
  }

  function nextDelay() {
    var base = document.hidden ? hiddenInterval : interval;
    // After errors: twice as long each time, at most five minutes.
    return failures ? Math.min(base * Math.pow(2, failures), 300000) : base;
  }

  function get(address) {
    return fetch(address, { credentials: "omit", headers: { Accept: "application/json" } }).then(
      function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }
    );
  }

  function handle(data) {
    if (data.interval) interval = data.interval * 1000;
    if (data.hidden_interval) hiddenInterval = data.hidden_interval * 1000;
    if (data.version > version) {
      if (version < data.since) {
        // Further behind than one answer reaches (a tab asleep for long): ask for the rest.
        return get(url + "since/" + version + "/").then(function (rest) {
          if (rest.reload) {
            if (errorNote) errorNote.hidden = false;
            return rest;
          }
          apply(rest.entries);
          version = Math.max(version, rest.version);
          return rest;
        });
      }
      apply(
        data.entries.filter(function (entry) {
          return entry.version > version;
        })
      );
      version = data.version;
    }
    return data;
  }

  function poll() {
    if (busy) return schedule(nextDelay());
    busy = true;
    get(url)
      .then(handle)
      .then(function (data) {
        busy = false;
        failures = 0;
        if (errorNote) errorNote.hidden = true;
        if (data.phase === "ended") {
          stopped = true;
          region.setAttribute("data-live-phase", "ended");
          if (announcer) announcer.textContent = region.getAttribute("data-live-ended") || "";
          return;
        }
        schedule(nextDelay());
      })
      .catch(function () {
        busy = false;
        failures += 1;
        if (errorNote && failures >= 3) errorNote.hidden = false;
        schedule(nextDelay());
      });
  }

  // Newest first (the default) or oldest first: the reader's choice, for this page.
  if (controls) {
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-live-order]");
      if (!button) return;
      var wantNewest = button.getAttribute("data-live-order") === "newest";
      controls.querySelectorAll("[data-live-order]").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
      if (wantNewest === newestFirst) return;
      newestFirst = wantNewest;
      var items = Array.prototype.slice.call(list.children).reverse();
      items.forEach(function (item) {
        list.appendChild(item);
      });
    });
  }

  // "Earlier entries": the next page joins the list instead of opening a new page.
  region.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-live-older]");
    if (!link || !link.getAttribute("data-live-older")) return;
    event.preventDefault();
    get(link.getAttribute("data-live-older"))
      .then(function (data) {
        data.entries.forEach(function (entry) {
          if (list.querySelector('[data-entry-id="' + entry.id + '"]')) return;
          var node = entryNode(entry.html);
          if (newestFirst) list.appendChild(node);
          else list.insertBefore(node, list.firstChild);
        });
        if (data.older_url) link.setAttribute("data-live-older", data.older_url);
        else link.parentNode.removeChild(link);
        if (announcer) announcer.textContent = text("earlier", data.entries.length);
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });

  document.addEventListener("visibilitychange", function () {
    if (stopped) return;
    // Back on the tab: catch up at once, then poll at the visible pace.
    schedule(document.hidden ? nextDelay() : 0);
  });

  if (region.getAttribute("data-live-phase") !== "ended") schedule(nextDelay());
})();
