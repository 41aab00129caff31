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

// A page re-shown with errors takes the keyboard to the first field in error, so its reason (next to
// the field, tied to it by aria-describedby or proximity) is where the user is, not the top of the page.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main .is-invalid, main .input-validation-error");
  if (invalid && document.activeElement === document.body) {
    invalid.focus();
  }
});
