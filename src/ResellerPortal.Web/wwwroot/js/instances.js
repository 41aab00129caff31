// The instance list: modals for create/edit, the name availability mark, unsaved-change and restart warnings.
(() => {
  "use strict";

  const modalElement = document.getElementById("instance-modal");

  // A form fragment loaded into the modal opens it.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "modal-body" && modalElement) {
      initForms(event.detail.target);
      const modal = bootstrap.Modal.getOrCreateInstance(modalElement);
      if (!modalElement.classList.contains("show")) {
        modal.show();
      }
    }
  });

  // A rejected save came back: once htmx has settled the new form (it restores its own idea of the
  // focus during settling), take the keyboard to the first field with an error.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.target.id === "modal-body" && modalElement?.classList.contains("show")) {
      const invalid = event.detail.target.querySelector(".input-validation-error, .validation-summary-errors");
      if (invalid) {
        if (!invalid.matches("input, select, textarea")) {
          invalid.setAttribute("tabindex", "-1");
        }
        invalid.focus();
      }
    }
  });

  if (modalElement) {
    modalElement.addEventListener("shown.bs.modal", () => {
      const first = modalElement.querySelector("input:not([type=hidden]):not([readonly]), select");
      first?.focus();
    });
    // Clicking outside the modal closes it without saving (as the manual says), but asks first
    // when something was typed.
    modalElement.addEventListener("hide.bs.modal", (event) => {
      const form = modalElement.querySelector("form[data-dirty-watch]");
      if (form && form.dataset.dirty === "true" && form.dataset.submitting !== "true") {
        if (!window.confirm("Discard your unsaved changes?")) {
          event.preventDefault();
          return;
        }
      }
      if (form) {
        form.dataset.dirty = "false";
      }
    });
    modalElement.addEventListener("hidden.bs.modal", () => {
      document.getElementById("modal-body").innerHTML = "";
    });
  }

  function initForms(root) {
    root.querySelectorAll("form[data-dirty-watch]").forEach((form) => {
      form.dataset.dirty = form.querySelector(".validation-summary-errors, .field-validation-error") ? "true" : "false";
      form.addEventListener("input", () => { form.dataset.dirty = "true"; });
      form.addEventListener("change", () => { form.dataset.dirty = "true"; });
      form.addEventListener("submit", () => { form.dataset.submitting = "true"; });
      // Stopped in the browser by a field in error (validation.js): nothing was sent.
      form.addEventListener("validation", (event) => {
        if (!event.detail.valid) {
          form.dataset.submitting = "false";
        }
      });
      form.addEventListener("htmx:afterRequest", () => { form.dataset.submitting = "false"; });
    });
    root.querySelectorAll("input[data-availability-url]").forEach(watchAvailability);
  }

  // Changing a field that restarts the instance shows the warning before saving. Delegated, and
  // compared with the values the page was served with, so it does not depend on when a form was set up.
  const initialValue = (field) => field.tagName === "SELECT"
    ? (Array.from(field.options).find((o) => o.defaultSelected) ?? field.options[0])?.value ?? ""
    : field.defaultValue;
  const onRestartField = (event) => {
    const field = event.target;
    if (!(field instanceof HTMLElement) || !field.matches("[data-restarts]")) {
      return;
    }
    const form = field.closest("form");
    const warning = form?.querySelector("#restart-warning");
    if (!warning) {
      return;
    }
    if (warning.dataset.shownByServer === undefined) {
      warning.dataset.shownByServer = warning.classList.contains("d-none") ? "false" : "true";
    }
    const changed = Array.from(form.querySelectorAll("[data-restarts]")).some((f) => f.value !== initialValue(f));
    warning.classList.toggle("d-none", !changed && warning.dataset.shownByServer !== "true");
  };
  document.addEventListener("input", onRestartField);
  document.addEventListener("change", onRestartField);

  // Checks the name as the user types: a check mark when free, the reason when not.
  function watchAvailability(input) {
    const mark = document.getElementById("name-mark");
    const reason = document.getElementById("name-reason");
    let timer = 0;
    let sequence = 0;
    const show = (status, icon, text) => {
      mark.innerHTML = `<i class="bi ${icon}"></i>`;
      reason.textContent = text;
      reason.dataset.nameStatus = status;
      reason.className = "small " + (status === "available" ? "text-success" : status === "checking" ? "text-muted" : "text-danger");
    };
    const explain = {
      "invalid format": "Use 3–30 lower-case letters, digits and dashes, not starting or ending with a dash.",
      "taken": "Taken: names are unique across all customers. Modify it slightly and try again.",
      "quarantined": "This name belonged to a recently deleted instance and is not free yet.",
    };
    const check = async () => {
      const value = input.value.trim();
      if (value === "") {
        show("unknown", "bi-question-circle text-muted", "3–30 lower-case letters, digits and dashes; unique across all customers.");
        return;
      }
      const mine = ++sequence;
      show("checking", "bi-hourglass-split text-muted", "Checking…");
      try {
        const response = await fetch(`${input.dataset.availabilityUrl}?name=${encodeURIComponent(value)}`, { headers: { "Accept": "application/json" } });
        const answer = await response.json();
        if (mine !== sequence) {
          return;
        }
        if (answer.available) {
          show("available", "bi-check-circle-fill text-success", `${answer.name} is available.`);
        } else {
          show(answer.reason.replace(" ", "-"), "bi-x-circle-fill text-danger", explain[answer.reason] ?? answer.reason);
        }
      } catch {
        if (mine === sequence) {
          show("unknown", "bi-exclamation-circle text-warning", "Could not check the name now; it is checked again when you save.");
        }
      }
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(check, 250);
    });
    if (input.value.trim() !== "") {
      check();
    }
  }

  // Empty filters stay out of the address, so a bookmarked view reads as what it filters.
  document.body.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.elt.id !== "instance-filters") {
      return;
    }
    const parameters = event.detail.parameters;
    for (const key of Array.from(parameters.keys ? parameters.keys() : Object.keys(parameters))) {
      const value = parameters.get ? parameters.get(key) : parameters[key];
      if (value === "" || value === null) {
        if (parameters.delete) {
          parameters.delete(key);
        } else {
          delete parameters[key];
        }
      }
    }
  });

  initForms(document);
})();
