// The "remove the personal data" button of the live personal-data check (core/_personal_data_check.html):
// puts the text without what was found into the field the warning belongs to, keeping the rest, and lets
// the check run again. The text comes from the server's own check (core.pii.remove), so the browser and
// the server agree on what was found.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-pii-remove]");
  if (!button) return;
  var box = button.closest("[data-pii-for]");
  var field = box && document.getElementById(box.getAttribute("data-pii-for"));
  if (!field) return;
  field.value = button.getAttribute("data-pii-remove");
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
});
