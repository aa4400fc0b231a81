// Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy can refuse
// inline scripts and event-handler attributes.
// <select data-autosubmit> submits its form when changed (language picker, filters).
document.addEventListener("change", function (event) {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
// <form data-confirm="…"> asks before sending (an irreversible step, e.g. anonymising a person).
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
