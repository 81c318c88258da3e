// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("submit", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.submit());
  });
  document.querySelectorAll("[data-picker]").forEach(setUpPicker);
});

// A search picker (units/pickers.py): suggestions from the scoped search as one types; choosing one
// fills the hidden id (or adds a ticked box when several may be chosen). A combobox in the WAI-ARIA
// sense: arrows move, Enter chooses, Escape closes. Without JavaScript the server resolves the name.
function setUpPicker(root) {
  const input = root.querySelector("[data-picker-input]");
  const list = root.querySelector("[data-picker-list]");
  const status = root.querySelector("[data-picker-status]");
  const hidden = root.querySelector("[data-picker-value]");
  const chosen = root.querySelector("[data-picker-chosen]");
  const multiple = root.hasAttribute("data-picker-multiple");
  const name = root.dataset.pickerName;
  let results = [];
  let active = -1;
  let timer = null;
  let request = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(data) {
    results = data.results || [];
    list.replaceChildren();
    results.forEach((item, i) => {
      const option = document.createElement("li");
      option.id = `${input.id}-kq${i}`;
      option.className = "list-group-item list-group-item-action picker-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.label;
      if (item.detail) {
        const detail = document.createElement("span");
        detail.className = "picker-detail";
        detail.textContent = item.detail;
        option.append(detail);
      }
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => choose(item));
      list.append(option);
    });
    const count = results.length;
    if (!count) {
      const empty = document.createElement("li");
      empty.className = "list-group-item text-body-secondary";
      empty.textContent = "Không tìm thấy kết quả nào.";
      list.append(empty);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = count ? `${count}${data.more ? "+" : ""} kết quả; dùng phím mũi tên để chọn.` : "Không tìm thấy kết quả nào.";
    highlight(-1);
  }

  function choose(item) {
    if (multiple) {
      const existing = chosen.querySelector(`input[value="${item.id}"]`);
      if (existing) {
        existing.checked = true;
      } else {
        const row = document.createElement("li");
        row.className = "form-check";
        const box = document.createElement("input");
        box.className = "form-check-input";
        box.type = "checkbox";
        box.name = name;
        box.value = item.id;
        box.checked = true;
        box.id = `${input.id}-chon-${item.id}`;
        const label = document.createElement("label");
        label.className = "form-check-label";
        label.htmlFor = box.id;
        label.textContent = item.label;
        row.append(box, label);
        chosen.append(row);
      }
      input.value = "";
      status.textContent = `Đã thêm ${item.label}.`;
    } else {
      hidden.value = item.id;
      input.value = item.label;
      status.textContent = `Đã chọn ${item.label}.`;
    }
    close();
  }

  function search() {
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    const mine = ++request;
    const url = `${root.dataset.pickerUrl}&q=${encodeURIComponent(text)}`;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => {
        if (mine === request) render(data);
      })
      .catch(() => {
        status.textContent = "Không tìm được lúc này; gửi biểu mẫu để hệ thống tìm theo tên đã gõ.";
      });
  }

  input.addEventListener("input", () => {
    if (hidden) hidden.value = "";
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && results.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) search();
      else highlight(Math.min(active + 1, results.length - 1));
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      if (active >= 0) choose(results[active]);
      else if (results.length === 1) choose(results[0]);
      else highlight(0);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}
