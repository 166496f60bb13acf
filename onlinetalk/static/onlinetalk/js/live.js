// The live broadcast on the session page: polls the session's one shared URL (cacheable; 304
// when nothing changed), every few seconds while the tab is visible and less often when hidden,
// backs off on errors and stops when the session has ended. New and corrected entries replace
// or join the list in place; the reader's scroll position and focus never move, and a screen
// reader hears one polite summary per update, not every entry. Without JavaScript a reload
// shows everything.
(function () {
  "use strict";
  // A link to an entry older than the page shows (#entry-42): open the page of entries that
  // begins with it (the stream lists the newest first).
  var stream = document.querySelector("section.ot-live [data-live-entries]");
  var linked = /^#entry-(\d+)$/.exec(window.location.hash);
  if (stream && linked && !document.getElementById("entry-" + linked[1]) && stream.lastElementChild) {
    var wanted = parseInt(linked[1], 10);
    if (wanted < parseInt(stream.lastElementChild.getAttribute("data-entry-id"), 10)) {
      window.location.replace("?before=" + (wanted + 1) + "#entry-" + wanted);
      return;
    }
  }

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

  // What the reader is looking at, to keep in place while entries are added or replaced above
  // it: nothing while the top of the list is on screen or below it (new entries then simply
  // push the rest down, and the page does not scroll); the first entry still on screen while
  // the reader is inside the list; the list's end once the reader has scrolled past it.
  function anchor() {
    var box = list.getBoundingClientRect();
    if (box.top >= 0) return null;
    if (box.bottom <= 0) return { node: list, edge: "bottom", at: box.bottom };
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      var rect = items[i].getBoundingClientRect();
      if (rect.bottom > 0) return { node: items[i], edge: "top", at: rect.top };
    }
    return null;
  }

  function keepInPlace(keep) {
    if (!keep || !keep.node.isConnected) return;
    var shift = keep.node.getBoundingClientRect()[keep.edge] - keep.at;
    if (shift) window.scrollBy(0, shift);
  }

  // A correction of the entry the reader is on waits until the reader leaves it.
  var waiting = {};
  list.addEventListener("focusout", function (event) {
    var item = event.target.closest("[data-entry-id]");
    if (!item || (event.relatedTarget && item.contains(event.relatedTarget))) return;
    var entry = waiting[item.getAttribute("data-entry-id")];
    if (!entry) return;
    delete waiting[entry.id];
    window.setTimeout(function () {
      if (item.isConnected && !item.contains(document.activeElement)) {
        var keep = anchor();
        item.parentNode.replaceChild(entryNode(entry.html), item);
        keepInPlace(keep);
      }
    }, 0);
  });

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
          waiting[entry.id] = entry;
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
    keepInPlace(keep);
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
    // "no-cache": the browser asks again each time (If-None-Match: a 304 costs the server no
    // query) instead of handing back its own copy of the last answer for max-age seconds;
    // proxies and CDNs still answer from their cache.
    var options = { credentials: "omit", cache: "no-cache", headers: { Accept: "application/json" } };
    return fetch(address, options).then(
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
      var older = region.querySelector(".ot-live__older");
      if (older) list.parentNode.insertBefore(older, newestFirst ? list.nextSibling : list);
    });
  }

  // "Earlier entries": the next page joins the list instead of opening a new page.
  region.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-live-older]");
    if (!link || !link.getAttribute("data-live-older")) return;
    event.preventDefault();
    get(link.getAttribute("data-live-older"))
      .then(function (data) {
        var keep = anchor();
        var first = null;
        data.entries.forEach(function (entry) {
          if (list.querySelector('[data-entry-id="' + entry.id + '"]')) return;
          var node = entryNode(entry.html);
          if (newestFirst) list.appendChild(node);
          else list.insertBefore(node, list.firstChild);
          if (!first || newestFirst === false) first = node;
        });
        keepInPlace(keep);
        if (data.older_url) {
          link.setAttribute("data-live-older", data.older_url);
        } else {
          link.parentNode.parentNode.removeChild(link.parentNode);
          // The link is gone: the reader goes on from the nearest of the entries just loaded.
          if (first) {
            first.setAttribute("tabindex", "-1");
            first.focus();
          }
        }
        if (announcer) {
          announcer.textContent = text(newestFirst ? "earlier" : "earlier-above", data.entries.length);
        }
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
