// “I want to ask this too” without leaving the page. Without JavaScript the link leads to a small
// page with the same button. The session page carries no CSRF token (it stays cacheable): the
// token is fetched from the vote URL only when someone votes.
(function () {
  "use strict";
  var status = document.querySelector("[data-vote-status]");
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-vote]");
    if (!link || !window.fetch) return;
    event.preventDefault();
    var headers = { Accept: "application/json" };
    fetch(link.href, { headers: headers, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        return fetch(link.href, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": data.csrf },
        });
      })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var count = link.querySelector("[data-vote-count]");
        if (count) count.textContent = data.upvotes;
        if (status && data.message) status.textContent = data.message;
      })
      .catch(function () { window.location.href = link.href; });
  });
})();
