// Remembers the edition a reader picks in the editions menu (in the language cookie, nothing else), so the
// site's root address opens that edition next time. Without JavaScript the links work the same; only the
// choice is not remembered.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".editions a[hreflang]");
  const menu = link && link.closest("[data-cookie]");
  if (!menu) return;
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${menu.dataset.cookie}=${link.hreflang}; path=/; max-age=31536000; samesite=lax${secure}`;
});
