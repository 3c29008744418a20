import datetime as dt

from django.test import TestCase

from nashr.multimedia.models import VideoPage


class VideoRunningTimeTests(TestCase):
    def test_running_time_reads_like_a_clock(self):
        self.assertEqual(VideoPage(duration=dt.timedelta(seconds=200)).running_time, "3:20")
        self.assertEqual(VideoPage(duration=dt.timedelta(seconds=3725)).running_time, "1:02:05")
        self.assertEqual(VideoPage(duration=None).running_time, "")
