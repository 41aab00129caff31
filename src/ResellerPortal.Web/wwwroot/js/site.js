// Sends the antiforgery token with every htmx request (the global filter checks all unsafe verbs).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('input[name="__RequestVerificationToken"]');
  if (token) {
    event.detail.headers["X-CSRF-TOKEN"] = token.value;
  }
});

// Buttons with data-confirm ask before submitting their form.
document.addEventListener("submit", (event) => {
  const submitter = event.submitter;
  const message = submitter?.dataset.confirm ?? event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
