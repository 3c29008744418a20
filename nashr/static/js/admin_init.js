// What Wagtail's and wagtail-localize's templates start with inline scripts, started from this file: the
// admin's Content-Security-Policy refuses inline scripts. Our copies of those templates
// (nashr/accounts/templates/) leave a hidden element with data-nashr-init instead; elements added later
// (a new inline form, a chooser modal, a refreshed listing filter) are started as they appear.
(() => {
  const starters = {
    date: (el, options) => window.initDateChooser(el.dataset.nashrTarget, options),
    time: (el, options) => window.initTimeChooser(el.dataset.nashrTarget, options),
    datetime: (el, options) => window.initDateTimeChooser(el.dataset.nashrTarget, options),
    InlinePanel: (el, options) => new window.InlinePanel(options),
    MultipleChooserPanel: (el, options) => new window.MultipleChooserPanel(options),
    chooser: (el, options) => new window[el.dataset.nashrConstructor](el.dataset.nashrTarget, options),
    "task-chooser": (el) => window.createTaskChooser(el.dataset.nashrTarget),
  };

  const start = () => {
    document.querySelectorAll("[data-nashr-init]:not([data-nashr-started])").forEach((el) => {
      el.setAttribute("data-nashr-started", "");
      starters[el.dataset.nashrInit](el, JSON.parse(el.dataset.nashrOptions || "null"));
    });
  };

  // wagtail-localize's translation editor reads the choosers' addresses from here.
  const own = document.currentScript.dataset;
  if (typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: own.imageChooser,
      documentChooser: own.documentChooser,
      pageChooser: own.pageChooser,
    };
  }

  // wagtail-localize's Translate form: "select all" ticks every edition.
  const selectAll = () => {
    const all = document.querySelector('[name="select_all"]');
    if (all) {
      all.addEventListener("change", () => {
        document.querySelectorAll('[name="locales"]').forEach((box) => {
          box.checked = all.checked;
        });
      });
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    start();
    selectAll();
    new MutationObserver(start).observe(document.body, { childList: true, subtree: true });
  });
})();
