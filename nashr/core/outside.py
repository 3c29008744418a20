"""Videos hosted elsewhere (YouTube, Vimeo, PeerTube), shown as a facade that contacts nobody.

One code path for every page that shows one: a video page's address (multimedia.VideoPage) and a body's
embed block (core/blocks/body.py) are shown by components/video_facade.html, started by static/js/media.js,
and allowed by the page's own frame-src (`BasePage.frame_origins`).

A reader's browser loads nothing from the video's host until the reader asks: the page shows a poster stored
on this site (fetched by the server when an editor saves, `fetch_poster`) and a link to the video's page on
its host; with JavaScript (static/js/media.js) the link starts the host's player in place, in a frame that
the page's own Content-Security-Policy allows (`frame_origin`: that host only, and only on that page).

`OutsideVideo.parse(url)` understands:
- YouTube: youtube.com/watch?v=ID, youtu.be/ID, youtube.com/shorts/ID, youtube.com/embed/ID; played from
  www.youtube-nocookie.com (no cookies before the reader plays);
- Vimeo: vimeo.com/ID (played with ?dnt=1: no tracking);
- PeerTube, on any instance: /w/ID, /videos/watch/ID, /videos/embed/ID.
"""

import io
import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([A-Za-z0-9-]{6,64})/?$")
MAX_POSTER_BYTES = 5 * 1024 * 1024
USER_AGENT = "Nashr poster fetcher"


@dataclass(frozen=True)
class OutsideVideo:
    provider: str  # "youtube", "vimeo" or "peertube"
    video_id: str
    origin: str  # scheme://host of the page the editor gave (PeerTube: the instance)

    @classmethod
    def parse(cls, url):
        """The video at `url`, or None when it is not one of a host we can play."""
        try:
            parts = urlsplit(url or "")
        except ValueError:
            return None
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            return None
        path = parts.path
        if host in YOUTUBE_HOSTS:
            if host == "youtu.be":
                video_id = path.strip("/")
            elif path == "/watch":
                video_id = parse_qs(parts.query).get("v", [""])[0]
            else:
                match = re.match(r"^/(?:shorts|embed|live)/([^/]+)/?$", path)
                video_id = match.group(1) if match else ""
            return cls("youtube", video_id, "https://www.youtube.com") if VIDEO_ID.match(video_id) else None
        if host in VIMEO_HOSTS:
            match = re.match(r"^/(?:video/)?(\d{3,15})/?$", path)
            return cls("vimeo", match.group(1), "https://vimeo.com") if match else None
        match = PEERTUBE_PATH.match(path)
        if match:
            return cls("peertube", match.group(1), f"{parts.scheme}://{parts.netloc.lower()}")
        return None

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo", "peertube": "PeerTube"}[self.provider]

    @property
    def watch_url(self):
        """The video's page on its host: where the facade's link leads without JavaScript."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        if self.provider == "vimeo":
            return f"https://vimeo.com/{self.video_id}"
        return f"{self.origin}/w/{self.video_id}"

    @property
    def embed_url(self):
        """The player the facade starts, playing at once (the reader asked for it)."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
        if self.provider == "vimeo":
            return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"
        return f"{self.origin}/videos/embed/{self.video_id}?autoplay=1&warningTitle=0"

    @property
    def frame_origin(self):
        """What the page's frame-src must allow for the player, and nothing more."""
        return "/".join(self.embed_url.split("/", 3)[:3])

    @property
    def frame_host(self):
        return urlsplit(self.embed_url).netloc

    @property
    def oembed_url(self):
        """The host's oEmbed answer, which names the video's thumbnail."""
        query = urlencode({"url": self.watch_url, "format": "json"})
        if self.provider == "youtube":
            return f"https://www.youtube.com/oembed?{query}"
        if self.provider == "vimeo":
            return f"https://vimeo.com/api/oembed.json?{query}"
        return f"{self.origin}/services/oembed?{query}"


class PosterError(Exception):
    """The host's thumbnail could not be fetched or is not a picture."""


def _get(url, limit):
    if urlsplit(url).scheme not in ("http", "https"):
        raise PosterError(f"not a web address: {url!r}")
    request = Request(url, headers={"User-Agent": USER_AGENT})
    timeout = getattr(settings, "NASHR_VIDEO_POSTER_TIMEOUT", 10)
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            data = response.read(limit + 1)
    except OSError as error:
        raise PosterError(str(error)) from error
    if len(data) > limit:
        raise PosterError(f"more than {limit} bytes at {url}")
    return data


def fetch_poster(video, title):
    """A new image (saved, in the root collection) from the host's thumbnail of `video`.

    Raises PosterError when the host does not answer, names no thumbnail or sends something else.
    """
    from wagtail.images import get_image_model

    try:
        thumbnail = json.loads(_get(video.oembed_url, 256 * 1024))["thumbnail_url"]
    except (ValueError, KeyError, TypeError) as error:
        raise PosterError(f"no thumbnail named by {video.oembed_url}") from error
    data = _get(str(thumbnail), MAX_POSTER_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.verify()
            kind = picture.format.lower()
    except (UnidentifiedImageError, OSError, AttributeError) as error:
        raise PosterError(f"not a picture: {thumbnail}") from error
    if kind not in ("jpeg", "png", "webp"):
        raise PosterError(f"unexpected picture type {kind}")
    extension = "jpg" if kind == "jpeg" else kind
    name = f"{video.provider}-{video.video_id}.{extension}"
    image = get_image_model()(title=title[:255] or name)
    image.file = ImageFile(io.BytesIO(data), name=name)
    image.save()
    return image


def fetching_posters():
    """Whether the server fetches posters when an editor saves (NASHR_FETCH_VIDEO_POSTERS; off in tests)."""
    return getattr(settings, "NASHR_FETCH_VIDEO_POSTERS", False)
