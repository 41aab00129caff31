// Client-side validation. FluentValidation's adapters write the validators' simple rules (required,
// length, range, e-mail, pattern) as data-val-* attributes; aspnet-client-validation checks them before a
// form is sent and writes the message into the field's asp-validation-for span, with the classes the
// server's own errors have (field-validation-error, input-validation-error). The server checks every post
// again, with the rules the browser cannot (README). Loaded before htmx, so on a page's forms this check
// runs before htmx sends anything.
(() => {
  "use strict";

  const service = new aspnetValidation.ValidationService();

  // The server's EmailAddress rule (FluentValidation) accepts one "@" that is neither first nor last; the
  // library's own rule also wants a dot in the domain. A provider added before bootstrap() replaces it.
  service.addProvider("email", (value) => {
    if (!value) {
      return true;
    }
    const at = value.indexOf("@");
    return at > 0 && at !== value.length - 1 && at === value.lastIndexOf("@");
  });

  service.bootstrap();

  // A form that htmx swaps in (the instance modals). htmx wires the new form's own submit handler when it
  // settles, after this event, so the check again runs first and a form in error is never sent.
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.shouldSwap) {
      service.remove(event.detail.target);
    }
  });
  document.addEventListener("htmx:afterSwap", (event) => service.scan(event.detail.target));
})();
