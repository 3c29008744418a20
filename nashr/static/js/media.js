// Videos hosted elsewhere and gallery pictures, made better by script; both work without it.
//
// - A video facade (components/video_facade.html) is a link to the video's page on its host. A click here
//   starts the host's player in place instead: only then does the reader's browser contact the host, which
//   the page's Content-Security-Policy allows on this page alone (multimedia.VideoPage.serve). Where a
//   copy of the page is served without that allowance, the browser refuses the frame and the reader is
//   taken to the video's page on its host, as without script.
// - A gallery's pictures link to their own pages (<gallery>/<n>/). A click here shows the large picture in
//   a dialog: arrow keys and swipes go to the previous and next picture, Escape closes it and gives focus
//   back to the picture it was opened from.
(() => {
  const startPlayer = (link) => {
    const frame = document.createElement("iframe");
    frame.src = link.dataset.embed;
    frame.title = link.dataset.title || link.textContent.trim();
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "video-facade__player";
    const refused = (event) => {
      if (event.violatedDirective.startsWith("frame-src")) window.location.assign(link.href);
    };
    document.addEventListener("securitypolicyviolation", refused, { once: true });
    link.parentElement.replaceChildren(frame);
    frame.focus();
  };

  document.querySelectorAll("[data-video-facade] a[data-embed]").forEach((link) => {
    link.setAttribute("role", "button");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      startPlayer(link);
    });
    link.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        startPlayer(link);
      }
    });
  });

  const openGallery = (gallery, dialog, links, start) => {
    let image = dialog.querySelector(".lightbox__image");
    if (!image) {
      image = document.createElement("img");
      image.className = "lightbox__image";
      dialog.querySelector(".lightbox__figure").prepend(image);
    }
    const caption = dialog.querySelector(".lightbox__caption");
    const count = dialog.querySelector(".lightbox__count");
    let index = start;
    const show = (next) => {
      index = (next + links.length) % links.length;
      const link = links[index];
      const thumbnail = link.querySelector("img");
      const text = link.closest("figure").querySelector("figcaption");
      image.width = Number(link.dataset.width);
      image.height = Number(link.dataset.height);
      image.src = link.dataset.large;
      image.alt = thumbnail ? thumbnail.alt : "";
      caption.textContent = text ? text.textContent.trim() : "";
      count.textContent = link.dataset.count;
    };
    show(start);
    dialog.onclose = () => links[index].focus();
    dialog.onkeydown = (event) => {
      const forward = document.documentElement.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
      const backward = forward === "ArrowLeft" ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) show(index + 1);
      else if (event.key === backward) show(index - 1);
      else return;
      event.preventDefault();
    };
    dialog.querySelector(".lightbox__next").onclick = () => show(index + 1);
    dialog.querySelector(".lightbox__previous").onclick = () => show(index - 1);
    dialog.querySelector(".lightbox__close").onclick = () => dialog.close();
    let startX = null;
    image.onpointerdown = (event) => {
      startX = event.clientX;
    };
    image.onpointerup = (event) => {
      if (startX === null) return;
      const moved = event.clientX - startX;
      startX = null;
      if (Math.abs(moved) < 40) return;
      const rtl = document.documentElement.dir === "rtl";
      show(index + ((moved < 0) !== rtl ? 1 : -1));
    };
    dialog.showModal();
    dialog.querySelector(".lightbox__close").focus();
  };

  document.querySelectorAll("[data-gallery]").forEach((gallery) => {
    const dialog = document.getElementById(gallery.dataset.dialog);
    // A copy opened from files (an offline edition) keeps the pictures' own pages, which it holds.
    if (!dialog || typeof dialog.showModal !== "function" || window.location.protocol === "file:") return;
    const links = Array.from(gallery.querySelectorAll("a[data-large]"));
    links.forEach((link, i) => {
      link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        openGallery(gallery, dialog, links, i);
      });
    });
  });
})();
