"""The video page's admin form: it checks the captions file and fetches an outside video's poster."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nashr.core.outside import OutsideVideo, PosterError, fetch_poster, fetching_posters
from nashr.core.page_form import PageForm

logger = logging.getLogger(__name__)


class VideoPageForm(PageForm):
    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if captions is not None and not captions.filename.lower().endswith(".vtt"):
            raise ValidationError(_("Captions must be a WebVTT file (.vtt)."))
        return captions

    def save(self, commit=True):
        """With an outside video and no poster, the server fetches the host's thumbnail as our image.
        Optional (NASHR_FETCH_VIDEO_POSTERS): without one the page shows a plain placeholder."""
        page = super().save(commit=False)
        video = OutsideVideo.parse(page.external_url)
        if video is not None and not page.lead_image_id and not page.video_file_id and fetching_posters():
            try:
                page.lead_image = fetch_poster(video, page.title)
            except PosterError as error:
                logger.warning("No poster for %s: %s", page.external_url, error)
        if commit:
            page.save()
            self.save_m2m()
        return page
