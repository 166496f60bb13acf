// The answers already given, beside the ask form's text (智能问答): when the citizen pauses
// typing, the answers of past sessions to similar questions are fetched as a small HTML fragment
// (escaped by the server) and replace the polite live region's content. Focus never moves, and
// a request still under way when the text changes again is aborted. Without JavaScript the
// section stays hidden and the form is as it always was.
//
// The live region stays in the page while there is nothing to show (it is only empty then):
// a region that appears together with its content is not announced by every screen reader.
(function () {
  "use strict";
  var aside = document.querySelector("[data-similar-answers]");
  if (!aside || !window.fetch || !window.AbortController) return;
  var field = document.getElementById(aside.getAttribute("data-similar-answers-for"));
  var intro = aside.querySelector("[data-similar-answers-intro]");
  var results = aside.querySelector("[data-similar-answers-results]");
  var url = aside.getAttribute("data-similar-answers-url");
  if (!field || !intro || !results || !url) return;

  var PAUSE = 700; // ms after the last keystroke
  var MIN_LENGTH = 4; // characters of text (punctuation and spaces aside) before asking
  var MAX_SENT = 300; // the server looks at no more (SEARCH_SIMILAR_MAX_LENGTH); a short URL
  var timer = null;
  var controller = null;
  var asked = "";

  // What the answers depend on: the words, not spaces or punctuation (so a comma typed does not
  // ask again, and citizens typing the same words share one cached answer).
  var separators;
  try {
    separators = new RegExp("[\\s\\p{P}\\p{S}]+", "gu");
  } catch (error) {
    separators = /[\s!-\/:-@\[-`{-~\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/g;
  }

  function meaningful(text) {
    return text.replace(separators, " ").trim().slice(0, MAX_SENT);
  }

  function show(html) {
    results.innerHTML = html;
    var found = results.querySelector("li") !== null;
    if (!found) results.textContent = "";
    intro.hidden = !found;
    aside.classList.toggle("ot-answers--shown", found);
  }

  function ask() {
    var text = meaningful(field.value);
    if (text === asked) return;
    asked = text;
    if (controller) controller.abort();
    controller = null;
    if (text.replace(/ /g, "").length < MIN_LENGTH) {
      show("");
      return;
    }
    var current = new AbortController();
    controller = current;
    fetch(url + "?q=" + encodeURIComponent(text), {
      signal: current.signal,
      credentials: "omit",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("similar answers: " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (controller === current) show(html);
      })
      .catch(function () {
        // Aborted, or the network failed: the answers shown stay; the next pause asks again.
        if (controller === current) asked = "";
      });
  }

  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, PAUSE);
  });
  aside.hidden = false;
  // A form sent back (refused, or the board's check failed) still holds the citizen's text.
  if (field.value) ask();
})();
