"""Publish, update, retract: what reaches each edition's channel, against the Bot API stand-in."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from nashr.core.tests.factories import ImageFactory, translate

from ..message import CAPTION_LIMIT, RLM
from ..models import TelegramPost
from .helpers import StandInMixin, build_site


class PostingTests(StandInMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.sections, cls.channels = build_site()

    def test_a_published_piece_is_posted_with_its_title_summary_and_address(self):
        page = self.article(self.sections["en"], "Library reopens", summary="The old reading room is back.")
        [message] = self.sent()
        self.assertEqual(message.kind, "text")
        self.assertIn("Library reopens", message.text)
        self.assertIn("The old reading room is back.", message.text)
        self.assertIn(f'<a href="{page.get_full_url()}">Read on the site</a>', message.html)
        [call] = self.api.calls_of("sendMessage")
        self.assertEqual(call.params["link_preview_options"]["url"], page.get_full_url())
        post = TelegramPost.objects.get(page_id=page.pk)
        self.assertEqual((post.state, post.message_id), (TelegramPost.State.POSTED, message.message_id))
        self.channels["en"].refresh_from_db()
        self.assertEqual(self.channels["en"].sent_count, 1)

    def test_a_piece_with_a_lead_image_is_posted_as_a_photo_with_a_caption_within_the_limit(self):
        summary = " ".join(["The harvest festival fills the square with stalls and music."] * 60)
        self.article(self.sections["en"], "Harvest festival", summary=summary, lead_image=ImageFactory())
        [message] = self.sent()
        self.assertEqual(message.kind, "photo")
        self.assertEqual(message.photo[:3], b"\xff\xd8\xff")  # a JPEG rendition was uploaded
        self.assertLessEqual(len(message.text), CAPTION_LIMIT)
        self.assertIn("…", message.text)
        self.assertTrue(message.text.startswith("Harvest festival\n\nThe harvest festival fills"))

    def test_an_update_edits_the_post_and_a_republish_without_changes_calls_nothing(self):
        page = self.article(self.sections["en"], "Bridge opens", lead_image=ImageFactory())
        [before] = self.sent()
        page.title = "Bridge opens to walkers"
        self.publish(page)
        [after] = self.sent()
        self.assertEqual(after.message_id, before.message_id)
        self.assertIn("Bridge opens to walkers", after.text)
        self.assertEqual(len(self.api.calls_of("editMessageCaption")), 1)
        calls = len(self.api.calls)
        self.publish(page)
        self.assertEqual(len(self.api.calls), calls)

    def test_a_new_lead_image_replaces_the_photo(self):
        page = self.article(self.sections["en"], "Garden show", lead_image=ImageFactory())
        page.lead_image = ImageFactory(file__color="orange")
        self.publish(page)
        self.assertEqual(len(self.api.calls_of("editMessageMedia")), 1)
        self.assertEqual(len(self.sent()), 1)

    def test_an_unpublished_piece_is_deleted_from_the_channel(self):
        page = self.article(self.sections["en"], "Choir concert")
        with self.acting():
            page.unpublish()
        self.assertEqual(self.sent(), [])
        self.assertEqual(TelegramPost.objects.get(page_id=page.pk).state, TelegramPost.State.DELETED)

    def test_a_piece_made_private_is_deleted_and_posted_again_when_public(self):
        page = self.article(self.sections["en"], "Museum night")
        with self.acting():
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
            )
        self.assertEqual(self.sent(), [])
        with self.acting():
            restriction.delete()
        self.assertEqual(len(self.sent()), 1)

    def test_a_section_made_private_takes_its_posts_down(self):
        self.article(self.sections["en"], "River clean-up")
        with self.acting():
            PageViewRestriction.objects.create(
                page=self.sections["en"], restriction_type=PageViewRestriction.LOGIN
            )
        self.assertEqual(self.sent(), [])

    def test_a_deleted_piece_is_deleted_from_the_channel(self):
        page = self.article(self.sections["en"], "Chess club")
        page_id = page.pk
        with self.acting():
            page.delete()
        self.assertEqual(self.sent(), [])
        self.assertEqual(TelegramPost.objects.get(page_id=page_id).state, TelegramPost.State.DELETED)

    def test_a_translation_is_posted_in_its_own_editions_channel_right_to_left(self):
        page = self.article(self.sections["en"], "Book fair")
        with self.acting():
            translate(page, "fa", title="Book نمایشگاه کتاب", summary="۱۲ ناشر در نمایشگاه")
        [english] = self.sent("@nashr_en")
        [farsi] = self.sent("@nashr_fa")
        self.assertIn("Book fair", english.text)
        self.assertTrue(farsi.text.startswith(f"{RLM}Book نمایشگاه کتاب\n\n{RLM}۱۲ ناشر در نمایشگاه"))
        self.assertEqual(self.api.calls_of("sendMessage")[1].token, "222222:fa-token-BBBB")

    def test_a_title_with_markup_characters_reads_as_written(self):
        title = 'Prices <up> & "rents" > wages'
        self.article(self.sections["en"], title, summary="Rent & food: a <b>survey</b>", slug="prices")
        [message] = self.sent()  # the stand-in refuses what Telegram's HTML parser would refuse
        self.assertTrue(message.text.startswith(f"{title}\n\nRent & food: a <b>survey</b>\n\n"))
        self.assertIn("&lt;up&gt; &amp;", message.html)

    def test_pages_of_the_editions_structure_are_not_posted(self):
        self.sent()
        from nashr.core.tests.factories import add_section

        with self.acting():
            add_section(self.homes["en"], "Opinion")
        self.assertEqual(self.api.calls, [])

    def test_a_piece_first_published_before_the_channel_was_connected_is_not_posted_on_update(self):
        page = self.article(self.sections["en"], "Old news")
        self.api.messages.clear()
        TelegramPost.objects.all().delete()
        channel = self.channels["en"]
        channel.connected_at = page.first_published_at.replace(year=page.first_published_at.year + 1)
        channel.save()
        page.title = "Old news, updated"
        self.publish(page)
        self.assertEqual(self.sent(), [])

    def test_a_message_telegram_will_not_delete_becomes_a_retraction_notice(self):
        page = self.article(self.sections["en"], "Council vote")
        [message] = self.sent()
        self.api.undeletable.add(message.message_id)
        with self.acting():
            page.unpublish()
        [kept] = self.sent()
        self.assertEqual(kept.text, "This piece has been withdrawn by the newsroom.")
        post = TelegramPost.objects.get(page_id=page.pk)
        self.assertEqual(post.state, TelegramPost.State.RETRACTED)
        self.assertIn("Delete it by hand", post.error)
        self.channels["en"].refresh_from_db()
        self.assertIn("Delete it by hand", self.channels["en"].last_error)

    def test_a_retracted_piece_published_again_edits_the_notice_back(self):
        page = self.article(self.sections["en"], "Ferry strike")
        [message] = self.sent()
        self.api.undeletable.add(message.message_id)
        with self.acting():
            page.unpublish()
        self.publish(page)
        [again] = self.sent()
        self.assertEqual(again.message_id, message.message_id)
        self.assertTrue(again.text.startswith("Ferry strike"))
        self.assertEqual(TelegramPost.objects.get(page_id=page.pk).state, TelegramPost.State.POSTED)

    def test_an_edit_that_failed_is_tried_again_on_the_same_message(self):
        page = self.article(self.sections["en"], "Night bus")
        self.api.fail(
            "editMessageText", 400, {"ok": False, "error_code": 400, "description": "Bad Request: odd"}
        )
        page.title = "Night bus returns"
        self.publish(page)
        self.assertEqual(TelegramPost.objects.get(page_id=page.pk).state, TelegramPost.State.FAILED)
        page.summary = "From Monday."
        self.publish(page)
        [message] = self.sent()
        self.assertIn("Night bus returns", message.text)
        self.assertEqual(len(self.api.calls_of("sendMessage")), 1)

    def test_a_message_deleted_by_hand_is_posted_again_on_update(self):
        page = self.article(self.sections["en"], "Tram line")
        self.api.messages.clear()
        page.title = "Tram line extended"
        self.publish(page)
        [message] = self.sent()
        self.assertIn("Tram line extended", message.text)
