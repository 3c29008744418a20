import datetime as dt

from django.template.loader import render_to_string
from django.test import TestCase
from django.utils import translation

from nashr.multimedia.models import VideoPage


class VideoRunningTimeTests(TestCase):
    def test_running_time_reads_like_a_clock(self):
        self.assertEqual(VideoPage(duration=dt.timedelta(seconds=200)).running_time, "3:20")
        self.assertEqual(VideoPage(duration=dt.timedelta(seconds=3725)).running_time, "1:02:05")
        self.assertEqual(VideoPage(duration=None).running_time, "")

    def test_running_time_is_a_part_of_the_date_line(self):
        """The date line is a row of parts (`.byline`, separated by rules and a gap): the running time is one
        of them, not loose text beside the date."""
        page = VideoPage(
            published_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC), duration=dt.timedelta(seconds=200)
        )
        with translation.override("en"):  # not whatever language an earlier test's request left active
            html = render_to_string("components/post_date.html", {"page": page, "extra": page.running_time})
        self.assertInHTML("<span>3:20</span>", html)
