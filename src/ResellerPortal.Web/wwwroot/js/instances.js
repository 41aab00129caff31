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
      form.addEventListener("htmx:afterRequest", () => { form.dataset.submitting = "false"; });
      watchRestartFields(form);
    });
    root.querySelectorAll("input[data-availability-url]").forEach(watchAvailability);
  }

  // Changing a field that restarts the instance shows the warning before saving.
  function watchRestartFields(form) {
    const warning = form.querySelector("#restart-warning");
    if (!warning) {
      return;
    }
    const fields = Array.from(form.querySelectorAll("[data-restarts]"));
    const initial = new Map(fields.map((f) => [f, f.value]));
    const shownByServer = !warning.classList.contains("d-none");
    const update = () => {
      const changed = fields.some((f) => f.value !== initial.get(f));
      warning.classList.toggle("d-none", !changed && !shownByServer);
    };
    fields.forEach((f) => {
      f.addEventListener("input", update);
      f.addEventListener("change", update);
    });
  }

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

  initForms(document);
})();
