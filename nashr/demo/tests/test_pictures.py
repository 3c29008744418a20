import datetime as dt
import io
from unittest import mock

from django.test import SimpleTestCase
from django.utils import timezone
from PIL import Image

from nashr.demo import covers, dates, pictures, portraits
from nashr.demo.scenery import SKIES
from nashr.demo.scenes import SCENES


def opened(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


class ScenePictureTests(SimpleTestCase):
    def test_every_scene_draws_a_picture_that_is_not_flat(self):
        for scene in SCENES:
            with self.subTest(scene=scene):
                image = opened(pictures.draw(f"test-{scene}", {"scene": scene, "time": "dusk"}))
                self.assertEqual((image.format, image.size), ("JPEG", (1200, 675)))
                colours = image.convert("RGB").resize((60, 34)).getcolors(60 * 34)
                self.assertGreater(len(colours), 40)  # an illustration, not a single colour

    def test_a_key_draws_the_same_picture_and_another_key_another(self):
        spec = {"scene": "sea", "time": "day"}
        self.assertEqual(pictures.draw("a", spec), pictures.draw("a", spec))
        self.assertNotEqual(pictures.draw("a", spec), pictures.draw("b", spec))
        self.assertNotEqual(pictures.draw("a", spec), pictures.draw("a", {**spec, "seed": 1}))

    def test_every_time_of_day_and_motif_draws(self):
        for time in SKIES:
            opened(pictures.draw("t", {"scene": "fields", "time": time}))
        for motif in pictures.MOTIFS:
            opened(pictures.draw("m", motif))

    def test_an_unknown_scene_or_time_is_named_in_the_error(self):
        with self.assertRaisesRegex(ValueError, "unknown scene 'volcano'"):
            pictures.draw("x", {"scene": "volcano"})
        with self.assertRaisesRegex(ValueError, "unknown time of day 'noonish'"):
            pictures.draw("x", {"scene": "sea", "time": "noonish"})
        with self.assertRaisesRegex(ValueError, "unknown motif"):
            pictures.draw("x", "volcano")


class CoverAndPortraitTests(SimpleTestCase):
    texts = ("رود فانوس‌ها", "داستان‌هایی از شهری که بلند کتاب می‌خواند", "سلما وارگا", "انتشارات نشر")
    english = ("The River of Lanterns", "Stories from a town that reads aloud", "S. Varga", "Nashr Editions")

    def cover(self, lang="fa", rtl=True):
        return covers.draw("book", self.texts, lang, {"scene": "river", "time": "night"}, rtl, self.english)

    def test_a_cover_is_portrait_and_differs_per_edition(self):
        persian = opened(self.cover())
        self.assertEqual(persian.size, covers.SIZE)
        self.assertNotEqual(self.cover(), covers.draw("book", self.english, "en", {"scene": "river"}))

    def test_without_shaping_a_persian_cover_carries_the_english_texts(self):
        with mock.patch.object(covers, "shaping", return_value=False):
            fallback = self.cover()
            english = covers.draw("book", self.english, "en", {"scene": "river", "time": "night"})
        self.assertEqual(fallback, english)

    def test_portraits_differ_per_person_and_stay_the_same_for_one(self):
        self.assertEqual(portraits.draw("mina-sadeghi"), portraits.draw("mina-sadeghi"))
        drawn = {portraits.draw(f"person-{i}") for i in range(6)}
        self.assertEqual(len(drawn), 6)
        self.assertEqual(opened(portraits.draw("x")).size, (portraits.SIZE, portraits.SIZE))


class RelativeDateTests(SimpleTestCase):
    now = timezone.make_aware(dt.datetime(2026, 12, 5, 10, 30), dt.UTC)

    def test_days_ago_at_a_time_of_day(self):
        moment = dates.published({"published": {"days_ago": 2, "at": "08:15"}}, now=self.now)
        self.assertEqual(timezone.localtime(moment).date(), dt.date(2026, 12, 3))
        self.assertEqual(timezone.localtime(moment).strftime("%H:%M"), "08:15")

    def test_a_time_still_to_come_today_is_just_before_the_load_in_order(self):
        morning = dates.relative(0, "09:30", now=self.now)
        noon, evening = dates.relative(0, "12:00", now=self.now), dates.relative(0, "20:00", now=self.now)
        self.assertEqual(timezone.localtime(morning).strftime("%H:%M"), "09:30")
        self.assertLess(morning, noon)
        self.assertLess(noon, evening)
        self.assertLessEqual(evening, self.now)
        self.assertGreater(noon, self.now - dt.timedelta(hours=2))

    def test_an_absolute_date_still_works_and_nonsense_is_refused(self):
        self.assertEqual(dates.published({"date": "2026-08-04"}).date(), dt.date(2026, 8, 4))
        for days, at in ((0, "25:00"), (-1, "09:00")):
            with self.assertRaises(ValueError):
                dates.relative(days, at, now=self.now)

    def test_an_original_comes_out_days_before_its_translation(self):
        ours = dates.relative(1, "08:00", now=self.now)
        self.assertEqual(dates.original_date({"days_before": 3}, ours), dt.date(2026, 12, 1))
        self.assertEqual(dates.original_date({"date": "2026-08-02"}, ours), dt.date(2026, 8, 2))
