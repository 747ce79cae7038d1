/* The main menu: sub-menus and, on small screens, the whole menu open and close with buttons that say
   whether they are open (aria-expanded). Without this script every sub-menu is simply shown. */
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  if (!nav) {
    return;
  }
  nav.classList.add("is-enhanced");

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function closeGroups(except) {
    nav.querySelectorAll(".main-nav__group-toggle[aria-expanded='true']").forEach(function (button) {
      if (button !== except) {
        setOpen(button, false);
      }
    });
  }

  nav.querySelectorAll("button[aria-controls]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      if (button.classList.contains("main-nav__group-toggle")) {
        closeGroups(button);
      }
      setOpen(button, open);
    });
  });

  // Escape closes the open sub-menu and returns to its button; leaving a group (by focus or by a click
  // elsewhere) closes it, so an open sub-menu never covers the page.
  nav.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = nav.querySelector(".main-nav__group-toggle[aria-expanded='true']");
    if (open) {
      setOpen(open, false);
      open.focus();
    }
  });
  nav.querySelectorAll(".main-nav__group").forEach(function (group) {
    group.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !group.contains(event.relatedTarget)) {
        setOpen(group.querySelector(".main-nav__group-toggle"), false);
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) {
      closeGroups(null);
    }
  });
})();
