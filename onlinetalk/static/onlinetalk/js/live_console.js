// The live console: posts without reloading (Ctrl+Enter or the button), keeps the text in the
// box with the reason when a post fails, shows what other staff post (it polls the staff's
// entries endpoint every few seconds), corrects and withdraws entries in place, and filters the
// question picker as one types. Without JavaScript every form still works as a plain form.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-console]");
  if (!root || !window.fetch || !window.FormData) return;
  var form = root.querySelector("[data-console-form]");
  var status = root.querySelector("[data-console-status]");
  var textBox = root.querySelector("[data-console-text]");
  var list = root.querySelector("[data-console-entries]");
  var empty = root.querySelector("[data-console-empty]");
  var picker = root.querySelector("[data-console-picker]");
  var filter = root.querySelector("[data-console-filter]");
  var openList = root.querySelector("[data-console-open]");
  var openCount = root.querySelector("[data-console-open-count]");
  var pollError = root.querySelector("[data-console-poll-error]");
  var heading = root.querySelector("[data-console-stream-heading]");
  var entriesUrl = root.getAttribute("data-entries-url");
  var questionsUrl = root.getAttribute("data-questions-url");
  var pollDelay = (parseInt(root.getAttribute("data-poll-seconds"), 10) || 2) * 1000;
  var kind = root.getAttribute("data-stream");
  var version = parseInt(root.getAttribute("data-version"), 10) || 0;
  var pending = {}; // entries changed while a colleague's change would disturb an open form
  var busy = false;
  var failures = 0;
  var sending = false;

  function message(name) {
    return root.getAttribute("data-msg-" + name) || "";
  }

  function csrfToken() {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function request(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = {
      Accept: "application/json",
      "X-Requested-With": "XMLHttpRequest",
      "X-CSRFToken": csrfToken(),
    };
    return fetch(url, options).then(function (response) {
      return response
        .json()
        .catch(function () {
          return { ok: false, error: message("network") };
        })
        .then(function (data) {
          if (!response.ok && data.ok === undefined) data.ok = false;
          return data;
        });
    });
  }

  function say(node, text, ok) {
    if (!node) return;
    node.classList.toggle("is-ok", Boolean(ok));
    node.textContent = text;
  }

  function nodeOf(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function busyWith(node) {
    // A colleague's change must not wipe a correction being typed.
    return node.contains(document.activeElement) || node.querySelector("details[open]");
  }

  function place(entry, force) {
    var existing = list.querySelector('[data-entry-id="' + entry.id + '"]');
    if (existing) {
      if (!force && (parseInt(existing.getAttribute("data-version"), 10) || 0) >= entry.version) {
        return existing;
      }
      if (!force && busyWith(existing)) {
        pending[entry.id] = entry;
        return existing;
      }
      delete pending[entry.id];
      var replacement = nodeOf(entry.html);
      existing.parentNode.replaceChild(replacement, existing);
      return replacement;
    }
    var node = nodeOf(entry.html);
    // Newest first, placed by position.
    var items = list.children;
    var placed = false;
    for (var i = 0; i < items.length && !placed; i++) {
      if (parseInt(items[i].getAttribute("data-entry-id"), 10) < entry.id) {
        list.insertBefore(node, items[i]);
        placed = true;
      }
    }
    if (!placed) list.appendChild(node);
    if (empty) empty.hidden = true;
    return node;
  }

  function apply(data) {
    if (data.stream !== kind) return;
    var keep = {};
    (data.ids || []).forEach(function (id) {
      keep[id] = true;
    });
    Array.prototype.slice.call(list.children).forEach(function (node) {
      // Gone from a stream that knows its change (a reset rehearsal); an entry posted after
      // this answer was made is newer than its version, and stays.
      var changed = parseInt(node.getAttribute("data-version"), 10) || 0;
      if (!keep[node.getAttribute("data-entry-id")] && changed <= data.version) {
        node.parentNode.removeChild(node);
      }
    });
    Object.keys(pending).forEach(function (id) {
      place(pending[id]);
    });
    data.entries.forEach(function (entry) {
      var known = list.querySelector('[data-entry-id="' + entry.id + '"]');
      var node = place(entry);
      if (!known && node) node.classList.add("is-new");
    });
    version = Math.max(version, data.version || 0);
    if (empty) empty.hidden = list.children.length > 0;
  }

  function poll() {
    if (busy) return;
    busy = true;
    var asked = kind;
    var url = entriesUrl + "?stream=" + encodeURIComponent(asked) + "&since=" + version;
    request(url)
      .then(function (data) {
        busy = false;
        failures = 0;
        if (pollError) pollError.hidden = true;
        if (asked === kind && data.entries) apply(data);
      })
      .catch(function () {
        busy = false;
        failures += 1;
        if (pollError && failures >= 3) {
          pollError.textContent = message("poll");
          pollError.hidden = false;
        }
      });
  }

  // --- posting -------------------------------------------------------------------------------

  function chosenRole() {
    var checked = form.querySelector("input[name=role]:checked");
    return checked ? checked.value : "";
  }

  function showRoleFields() {
    var role = chosenRole();
    root.querySelectorAll("[data-console-for]").forEach(function (block) {
      block.hidden = block.getAttribute("data-console-for") !== role;
    });
  }

  function clearAfterPost() {
    textBox.value = "";
    ["asker", "image_alt", "image_caption"].forEach(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      if (input) input.value = "";
    });
    var file = form.querySelector("input[name=image]");
    if (file) file.value = "";
    var none = form.querySelector("input[name=question][value='']");
    if (none) none.checked = true;
    var noFlag = form.querySelector("input[name=flag][value='']");
    if (noFlag) noFlag.checked = true;
  }

  function questionAnswered(id) {
    if (!id) return;
    root.querySelectorAll('[data-question-id="' + id + '"]').forEach(function (node) {
      node.parentNode.removeChild(node);
    });
    if (openCount && openList) openCount.textContent = String(openList.querySelectorAll("[data-question-id]").length);
  }

  function send() {
    if (sending) return;
    sending = true;
    var data = new FormData(form);
    var question = data.get("question");
    say(status, message("sending"), true);
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
    });
    request(form.getAttribute("data-post-url"), { method: "POST", body: data })
      .then(function (answer) {
        sending = false;
        if (!answer.ok) {
          // The text stays in the box; the reason is read out next to the form.
          say(status, answer.error || message("network"));
          var field = answer.field && form.querySelector("[name=" + answer.field + "]");
          if (field) field.setAttribute("aria-invalid", "true");
          // To the field at fault when it can take focus (the leader, the alternative text, the
          // nickname); otherwise back to the text box.
          var target = field && field.type !== "radio" && field.offsetParent ? field : textBox;
          target.focus();
          return;
        }
        clearAfterPost();
        say(status, answer.message || message("posted"), true);
        if (answer.entry && answer.entry.version && data.get("stream") === kind) {
          place(answer.entry);
        }
        if (data.get("role") === "citizen" && data.get("stream") === "public") questionAnswered(question);
        textBox.focus();
      })
      .catch(function () {
        sending = false;
        say(status, message("network"));
        textBox.focus();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });
  form.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      send();
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "role") showRoleFields();
    if (event.target.name === "stream") showStream(event.target.value);
  });
  showRoleFields();

  // --- which stream is shown -------------------------------------------------------------------

  function showStream(value) {
    if (value === kind) return;
    kind = value;
    version = 0;
    pending = {};
    list.innerHTML = "";
    if (empty) empty.hidden = false;
    root.setAttribute("data-stream", kind);
    if (heading) heading.textContent = heading.getAttribute("data-label-" + kind) || "";
    root.querySelectorAll("[data-console-show]").forEach(function (link) {
      var current = link.getAttribute("data-console-show") === kind;
      link.classList.toggle("button-secondary", !current);
      if (current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    var radio = form.querySelector('input[name=stream][value="' + kind + '"]');
    if (radio && !radio.disabled) radio.checked = true;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?stream=" + kind);
    }
    poll();
  }

  root.querySelectorAll("[data-console-show]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showStream(link.getAttribute("data-console-show"));
    });
  });

  // --- correcting and withdrawing --------------------------------------------------------------

  list.addEventListener("submit", function (event) {
    var target = event.target;
    var retracting = target.matches("[data-console-retract]");
    if (!retracting && !target.matches("[data-console-correct]")) return;
    event.preventDefault();
    if (retracting && !window.confirm(message("retract"))) return;
    var note = target.querySelector("[data-console-entry-status]");
    request(target.getAttribute("action"), { method: "POST", body: new FormData(target) })
      .then(function (answer) {
        if (!answer.ok) {
          say(note, answer.error || message("network"));
          return;
        }
        var node = place(answer.entry, true);
        node.setAttribute("tabindex", "-1");
        node.focus();
        say(status, answer.message, true);
      })
      .catch(function () {
        say(note, message("network"));
      });
  });

  var reset = root.querySelector("[data-console-reset]");
  if (reset) {
    reset.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!window.confirm(message("reset"))) return;
      request(reset.getAttribute("action"), { method: "POST", body: new FormData(reset) })
        .then(function (answer) {
          say(status, answer.ok ? answer.message : answer.error || message("network"), answer.ok);
          if (answer.ok && kind === "rehearsal") {
            list.innerHTML = "";
            version = answer.version || 0;
            if (empty) empty.hidden = false;
          }
        })
        .catch(function () {
          say(status, message("network"));
        });
    });
  }

  // --- the question picker ---------------------------------------------------------------------

  var filterTimer = null;
  if (filter && picker) {
    filter.addEventListener("input", function () {
      window.clearTimeout(filterTimer);
      filterTimer = window.setTimeout(function () {
        var chosen = form.querySelector("input[name=question]:checked");
        var chosenValue = chosen ? chosen.value : "";
        request(questionsUrl + "?q=" + encodeURIComponent(filter.value)).then(function (data) {
          if (!data.questions) return;
          Array.prototype.slice.call(picker.querySelectorAll("[data-question-id]")).forEach(function (node) {
            node.parentNode.removeChild(node);
          });
          data.questions.forEach(function (question) {
            var node = nodeOf(question.html);
            picker.appendChild(node);
            if (String(question.id) === chosenValue) node.querySelector("input").checked = true;
          });
        });
      }, 200);
    });
    // Enter in the filter must not post the form.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !(event.ctrlKey || event.metaKey)) event.preventDefault();
    });
  }

  window.setInterval(function () {
    if (!document.hidden) poll();
  }, pollDelay);
})();
