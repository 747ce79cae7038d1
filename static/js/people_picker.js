/* The people picker (templates/includes/people_picker.html): its search field becomes a combobox (ARIA 1.2,
   editable, list autocomplete) whose options htmx fetches as one types. Down and Up move through the options,
   Enter or a click chooses the person (or takes them off the chosen), Escape closes the list and then clears
   the field. A chosen person is a checked checkbox in the chosen list, submitted with the form under the
   field's own name. Without this script the field is a plain search field whose button sends the form to
   the search page. */
(function () {
  "use strict";

  function setUp(picker) {
    var input = picker.querySelector('input[type="search"]');
    var results = picker.querySelector(".people-picker__results");
    var status = picker.querySelector('[role="status"]');
    var chosen = picker.querySelector(".people-picker__chosen");
    var chosenList = chosen.querySelector("ul");
    var button = picker.querySelector("[data-people-search]");
    var listId = picker.id + "-options";
    var active = -1;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function checkboxes() {
      return chosenList.querySelectorAll('input[type="checkbox"]');
    }

    function chosenBox(value) {
      var found = null;
      checkboxes().forEach(function (box) {
        if (box.value === value) {
          found = box;
        }
      });
      return found;
    }

    function options() {
      return Array.prototype.slice.call(results.querySelectorAll('[role="option"]'));
    }

    function open(isOpen) {
      var list = results.querySelector('[role="listbox"]');
      var show = isOpen && !!list && options().length > 0;
      if (list) {
        list.hidden = !show;
      }
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) {
        setActive(-1);
      }
    }

    function setActive(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) {
        option.classList.toggle("is-active", i === index);
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function syncSelected() {
      options().forEach(function (option) {
        var box = chosenBox(option.getAttribute("data-value"));
        option.setAttribute("aria-selected", box && box.checked ? "true" : "false");
      });
    }

    function say(prefix, name) {
      status.textContent = prefix + " " + name;
    }

    function addChosen(value, label) {
      var box = chosenBox(value);
      if (!box) {
        var item = document.createElement("li");
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = picker.getAttribute("data-field");
        box.value = value;
        box.id = picker.id + "-user-" + value;
        var text = document.createElement("label");
        text.htmlFor = box.id;
        text.textContent = label;
        item.appendChild(box);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(text);
        chosenList.appendChild(item);
      }
      box.checked = true;
      chosen.hidden = false;
    }

    function toggle(option) {
      var value = option.getAttribute("data-value");
      var label = option.getAttribute("data-label");
      var box = chosenBox(value);
      if (box && box.checked) {
        box.checked = false;
        say(picker.getAttribute("data-removed"), label);
      } else {
        addChosen(value, label);
        say(picker.getAttribute("data-added"), label);
      }
      syncSelected();
    }

    function search() {
      if (window.htmx) {
        window.htmx.trigger(input, "people-search");
      }
    }

    input.addEventListener("keydown", function (event) {
      var all = options();
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) {
          open(true);
        }
        if (all.length) {
          setActive(active < all.length - 1 ? active + 1 : 0);
        }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) {
          open(true);
        }
        if (all.length) {
          setActive(active > 0 ? active - 1 : all.length - 1);
        }
      } else if (event.key === "Enter") {
        // Enter never sends the form from here: it chooses the active option, or searches now.
        event.preventDefault();
        if (expanded && active >= 0 && all[active]) {
          toggle(all[active]);
        } else {
          search();
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          open(false);
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          results.innerHTML = "";
          status.textContent = "";
        }
      } else if (event.key === "Tab") {
        open(false);
      }
    });

    results.addEventListener("mousedown", function (event) {
      if (event.target.closest('[role="option"]')) {
        event.preventDefault(); // the focus stays in the field
      }
    });
    results.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) {
        setActive(options().indexOf(option));
        toggle(option);
        input.focus();
      }
    });

    button.addEventListener("click", function (event) {
      if (window.htmx) {
        event.preventDefault();
        search();
        input.focus();
      }
    });

    picker.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !picker.contains(event.relatedTarget)) {
        open(false);
      }
    });
    input.addEventListener("focus", function () {
      open(true);
    });

    // Checkboxes of a search made before this script ran (the page without it) that were ticked are kept:
    // they move to the chosen list before the options replace them.
    results.addEventListener("htmx:beforeSwap", function () {
      results.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        if (box.checked) {
          var label = results.querySelector('label[for="' + box.id + '"]');
          addChosen(box.value, label ? label.firstChild.textContent : box.value);
        }
      });
    });
    results.addEventListener("htmx:afterSwap", function () {
      var message = results.querySelector("[data-people-status]");
      status.textContent = message ? message.textContent.trim() : "";
      syncSelected();
      active = -1;
      open(document.activeElement === input);
    });

    syncSelected();
  }

  document.querySelectorAll("[data-people-picker]").forEach(setUp);
})();
