/* Small behaviours of the layout, kept out of inline attributes so that a strict
   Content-Security-Policy (script-src 'self') needs no exception. */
document.addEventListener("change", function (event) {
  var target = event.target;
  // A select marked data-autosubmit sends its form when changed (the language box).
  if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
