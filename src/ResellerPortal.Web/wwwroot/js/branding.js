// The branding page: each colour's picker and text field show the same value (the text field is what is sent),
// and the direct-login form can be copied with one click.
document.querySelectorAll("input[type=color][data-colour-for]").forEach((picker) => {
  const text = document.getElementById(picker.dataset.colourFor);
  if (!text) {
    return;
  }
  picker.addEventListener("input", () => { text.value = picker.value; });
  text.addEventListener("input", () => {
    const value = text.value.trim();
    if (/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) {
      picker.value = value.length === 4 ? "#" + [...value.slice(1)].map((c) => c + c).join("") : value;
    }
  });
});

document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    source.select();
    try {
      await navigator.clipboard.writeText(source.value);
      button.textContent = "Copied";
    } catch {
      document.execCommand("copy");
    }
  });
});

// Client-side validation sends a valid form with form.submit(), which ignores the pressed button's formaction
// and formtarget: the form itself takes them, so Preview opens its new tab and never saves.
const brandingForm = document.querySelector("form[data-branding-form]");
brandingForm?.querySelectorAll("button[type=submit]").forEach((button) => {
  button.addEventListener("click", () => {
    brandingForm.action = button.getAttribute("formaction") || "/branding";
    brandingForm.target = button.getAttribute("formtarget") || "";
  });
});
