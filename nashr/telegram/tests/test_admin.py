"""The channel in the admin: only the edition's editors, a write-only token, a test message, a status."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale

from nashr.core.tests.factories import build_editions
from nashr.users import roles

from ..models import TelegramChannel, TelegramPost
from .helpers import TOKEN_EN, TOKEN_FA, StandInMixin, connect

NEW_TOKEN = "333333:new-token-CCCCCCCC"


def url(view, *args):
    return reverse(f"wagtailsnippets_telegram_telegramchannel:{view}", args=args)


class ChannelAdminTests(StandInMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()
        roles.set_up()
        cls.en = connect("en", "@nashr_en", TOKEN_EN)
        cls.fa = connect("fa", "@nashr_fa", TOKEN_FA)
        User = get_user_model()
        cls.fa_editor = User.objects.create_user("fa-editor", "fa-editor@example.org", "pw")
        roles.grant(cls.fa_editor, "editor", "fa")
        cls.fa_translator = User.objects.create_user("fa-translator", "fa-tr@example.org", "pw")
        roles.grant(cls.fa_translator, "translator", "fa")

    def setUp(self):
        super().setUp()
        cache.clear()
        self.client.force_login(self.fa_editor)

    def form(self, **fields):
        data = {"locale": self.fa.locale_id, "chat": "@nashr_fa", "token": "", "active": "on"}
        data.update(fields)
        return data

    def assertRefused(self, response):
        if response.status_code != 403:
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))

    def test_an_editor_sees_their_editions_channel_only(self):
        response = self.client.get(url("list"))
        self.assertContains(response, "@nashr_fa")
        self.assertNotContains(response, "@nashr_en")
        self.assertRefused(self.client.get(url("edit", self.en.pk)))
        self.assertRefused(self.client.get(reverse("telegram_admin:test", args=[self.en.pk])))
        self.assertRefused(self.client.post(reverse("telegram_admin:test", args=[self.en.pk])))
        self.assertEqual(self.api.calls, [])

    def test_a_translator_may_not_open_the_channel(self):
        self.client.force_login(self.fa_translator)
        self.assertRefused(self.client.get(url("edit", self.fa.pk)))

    def test_the_token_is_never_shown_and_an_empty_field_keeps_it(self):
        response = self.client.get(url("edit", self.fa.pk))
        self.assertContains(response, "A token is stored")
        self.assertNotContains(response, TOKEN_FA)
        self.assertNotContains(response, self.fa.token_encrypted)
        response = self.client.post(url("edit", self.fa.pk), self.form(chat="@nashr_fa"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(TelegramChannel.objects.get(pk=self.fa.pk).token, TOKEN_FA)

    def test_a_new_token_replaces_the_old_one(self):
        self.client.post(url("edit", self.fa.pk), self.form(token=NEW_TOKEN))
        self.assertEqual(TelegramChannel.objects.get(pk=self.fa.pk).token, NEW_TOKEN)

    def test_a_bad_chat_or_token_is_refused_with_a_clear_error_and_nothing_is_lost(self):
        response = self.client.post(url("edit", self.fa.pk), self.form(chat="nashr fa", token="not-a-token"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Give the channel&#x27;s public name (@name) or its numeric id")
        self.assertContains(response, "This is not a bot token")
        channel = TelegramChannel.objects.get(pk=self.fa.pk)
        self.assertEqual((channel.chat, channel.token), ("@nashr_fa", TOKEN_FA))

    def test_a_new_channel_needs_a_token_and_an_edition_the_user_works_on(self):
        TelegramChannel.objects.filter(pk=self.fa.pk).delete()
        self.assertRedirects(self.client.get(url("add")), url("add") + "?locale=fa")
        add = url("add") + "?locale=fa"
        response = self.client.get(add)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["form"].fields["locale"].queryset), [self.fa.locale])
        response = self.client.post(add, self.form(locale=self.fa.locale_id))
        self.assertContains(response, "Give the bot token that @BotFather gave you.")
        english = Locale.objects.get(language_code="en")
        response = self.client.post(add, self.form(locale=english.pk, token=NEW_TOKEN))
        self.assertFalse(TelegramChannel.objects.filter(chat="@nashr_fa").exists())
        response = self.client.post(add, self.form(token=NEW_TOKEN))
        self.assertEqual(response.status_code, 302)
        created = TelegramChannel.objects.get(locale__language_code="fa")
        self.assertEqual(created.token, NEW_TOKEN)
        self.assertNotIn(NEW_TOKEN, created.token_encrypted)

    def test_send_a_test_message_checks_the_token_and_posts_in_the_channel(self):
        response = self.client.get(url("list"))
        self.assertContains(response, reverse("telegram_admin:test", args=[self.fa.pk]))
        response = self.client.post(reverse("telegram_admin:test", args=[self.fa.pk]), follow=True)
        self.assertContains(response, "look for the test message in @nashr_fa")
        [message] = self.api.channel("@nashr_fa").values()
        self.assertIn("Nashr", message.text)
        self.assertEqual([c.method for c in self.api.calls], ["getMe", "sendMessage"])
        self.assertEqual(TelegramChannel.objects.get(pk=self.fa.pk).bot_username, "nashr_fa_bot")

    def test_a_failed_test_message_says_what_to_do(self):
        TelegramChannel.objects.filter(pk=self.fa.pk).update(chat="@gone_channel")
        response = self.client.post(reverse("telegram_admin:test", args=[self.fa.pk]), follow=True)
        self.assertContains(response, "Telegram knows no such channel")
        self.assertIn("no such channel", TelegramChannel.objects.get(pk=self.fa.pk).last_error)

    def test_the_status_panel_counts_posts_and_shows_what_waits_or_failed(self):
        TelegramChannel.objects.filter(pk=self.fa.pk).update(
            sent_count=12, last_error="Telegram had an error"
        )
        TelegramPost.objects.create(
            channel=self.fa,
            page_id=999,
            title="باران",
            state=TelegramPost.State.RETRYING,
            error="It will be tried again.",
        )
        response = self.client.get(url("edit", self.fa.pk))
        self.assertContains(response, "<dt>Posts sent</dt><dd>12</dd>", html=True)
        self.assertContains(response, "<dt>Waiting for a retry</dt><dd>1</dd>", html=True)
        self.assertContains(response, "Telegram had an error")
        self.assertContains(response, "باران")
