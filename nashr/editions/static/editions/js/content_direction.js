// Text inputs the admin draws in the browser, in the language and direction of the content they hold
// (nashr/editions/direction.py sets the ones Django renders). No inline script: the admin's CSP.
//
// - Page and snippet editors: an element with data-nashr-lang and data-nashr-dir (a Draftail field's
//   hidden input, or the wrapper of a StreamField) gives its language to every text input, textarea and
//   Draftail editor drawn inside it (or, for the hidden input, beside it), as they appear.
// - Translation editor (wagtail-localize's React app): [data-nashr-translation] names the source's and
//   the target's languages; each source segment takes the source's, each translation box the target's.
//   When a machine translator is set up, each text segment gets a "Machine translate" button: it asks
//   the server for that one segment and puts the suggestion in the segment's box, to be read and saved.
(() => {
  const TEXT = 'input[type="text"], input:not([type]), textarea, [contenteditable="true"]';

  const setDirection = (element, lang, dir) => {
    if (element.getAttribute("lang") !== lang) element.setAttribute("lang", lang);
    if (element.getAttribute("dir") !== dir) element.setAttribute("dir", dir);
  };

  const markFields = () => {
    document.querySelectorAll("[data-nashr-lang]").forEach((marker) => {
      const scope = marker.matches("input") ? marker.parentElement : marker;
      scope.querySelectorAll(TEXT).forEach((input) => {
        setDirection(input, marker.dataset.nashrLang, marker.dataset.nashrDir);
      });
    });
  };

  // The translation editor's text segments: <li> holding the source <p>, a value <div> and a toolbar.
  const textSegments = (editor) =>
    [...editor.querySelectorAll("li")].filter(
      (li) => li.querySelector(":scope > p") && li.querySelector(":scope > div") && li.querySelector(":scope > ul"),
    );

  const props = (editor) => {
    if (!editor.nashrProps) editor.nashrProps = JSON.parse(editor.dataset.props || "{}");
    return editor.nashrProps;
  };

  const putInBox = (li, text) => {
    const box = li.querySelector(":scope > div textarea");
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
    setValue.call(box, text); // as typing does, so that the React app's state takes it
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  };

  const openBox = (li) =>
    new Promise((resolve) => {
      if (li.querySelector(":scope > div textarea")) return resolve();
      const edit = [...li.querySelectorAll(":scope > ul button")].pop(); // "Translate" or "Edit"
      if (edit) edit.click();
      const wait = (tries) =>
        li.querySelector(":scope > div textarea") || tries === 0
          ? resolve()
          : setTimeout(() => wait(tries - 1), 50);
      wait(40);
    });

  const machineButton = (li, segment, info) => {
    const control = document.createElement("div");
    control.setAttribute("data-nashr-machine", "");
    control.className = "nashr-machine";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.textContent = info.label;
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "nashr-machine__status";
    button.addEventListener("click", async () => {
      const csrf = document.querySelector(".js-translation-editor [name=csrfmiddlewaretoken]");
      button.disabled = true;
      status.textContent = info.working;
      status.removeAttribute("data-error");
      try {
        const response = await fetch(info.segmentUrl.replace(/\/0\/machine\/$/, `/${segment.id}/machine/`), {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrf ? csrf.value : "" },
        });
        const answer = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
        if (!response.ok) throw new Error(answer.error);
        await openBox(li);
        putInBox(li, answer.text);
        status.textContent = answer.translator;
      } catch (error) {
        status.textContent = error.message;
        status.setAttribute("data-error", "");
      } finally {
        button.disabled = false;
      }
    });
    control.append(button, status);
    li.append(control);
  };

  const markTranslation = () => {
    const info = document.querySelector("[data-nashr-translation]");
    const editor = document.querySelector(".js-translation-editor");
    if (!info || !editor) return;
    const { segments = [], machineTranslator } = props(editor);
    const bySource = new Map(segments.filter((s) => s.type === "string").map((s) => [s.source, s]));
    textSegments(editor).forEach((li) => {
      const source = li.querySelector(":scope > p");
      setDirection(source, info.dataset.sourceLang, info.dataset.sourceDir);
      li.querySelectorAll(":scope > div > p, :scope > div > textarea").forEach((box) => {
        setDirection(box, info.dataset.targetLang, info.dataset.targetDir);
      });
      const segment = bySource.get(source.textContent);
      if (machineTranslator && segment && !li.querySelector("[data-nashr-machine]")) {
        machineButton(li, segment, info.dataset);
      }
    });
  };

  const mark = () => {
    markFields();
    markTranslation();
  };

  document.addEventListener("DOMContentLoaded", () => {
    mark();
    new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  });
})();
