"""`manage.py set_up_roles`: the groups of every role in every edition, made again without duplicates."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
)

from nashr.core.tests.factories import build_editions, translate
from nashr.users import roles
from nashr.users.models import EditionRole


def counts():
    return [
        model.objects.count()
        for model in (
            Group,
            EditionRole,
            GroupPagePermission,
            GroupCollectionPermission,
            Collection,
            Workflow,
        )
    ]


class SetUpRolesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.alice = get_user_model().objects.create_user("alice", "alice@example.org", "pw")

    def run_command(self, *args):
        out = StringIO()
        call_command("set_up_roles", *args, stdout=out)
        return out.getvalue()

    def test_every_edition_gets_four_groups_on_its_home_page(self):
        output = self.run_command()
        self.assertIn("Persian (fa): 4 groups", output)
        for code, home in self.homes.items():
            marked = EditionRole.objects.filter(locale__language_code=code)
            self.assertEqual(set(marked.values_list("role", flat=True)), set(roles.ROLES), code)
            pages = GroupPagePermission.objects.filter(group__edition_role__locale__language_code=code)
            self.assertEqual(set(pages.values_list("page_id", flat=True)), {home.pk}, code)
            self.assertEqual(
                WorkflowPage.objects.get(page=home).workflow.name,
                f"{roles.edition_label(home.locale)} review",
            )
        translators = Group.objects.get(name="Persian (fa) · translators")
        codenames = set(
            GroupPagePermission.objects.filter(group=translators).values_list(
                "permission__codename", flat=True
            )
        )
        self.assertEqual(codenames, {"add_page", "change_page"})

    def test_running_again_changes_nothing(self):
        self.run_command()
        before = counts()
        self.run_command()
        self.assertEqual(counts(), before)

    def test_running_again_takes_back_what_was_added_to_a_role_by_hand(self):
        self.run_command()
        group = Group.objects.get(name="Persian (fa) · translators")
        publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
        GroupPagePermission.objects.create(group=group, page=self.homes["fa"], permission=publish)
        group.permissions.add(Permission.objects.get(codename="delete_person"))
        self.run_command()
        pages = GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True)
        self.assertEqual(set(pages), {"add_page", "change_page"})
        self.assertFalse(group.permissions.filter(codename="delete_person").exists())

    def test_a_renamed_group_keeps_its_name_and_role(self):
        self.run_command()
        group = EditionRole.objects.get(locale__language_code="fa", role="translator").group
        group.name = "Farsi translators"
        group.save()
        self.run_command()
        self.assertEqual(EditionRole.objects.get(locale__language_code="fa", role="translator").group, group)
        self.assertFalse(Group.objects.filter(name="Persian (fa) · translators").exists())

    def test_a_new_edition_gets_its_groups_on_the_next_run(self):
        self.run_command()
        Locale.objects.create(language_code="de")
        output = self.run_command()
        self.assertIn("German (de): 4 groups, no home page yet", output)
        self.assertEqual(EditionRole.objects.filter(locale__language_code="de").count(), 4)
        home = translate(self.homes["en"], "de", title="Nashr de")
        self.run_command()
        editors = EditionRole.objects.get(locale__language_code="de", role="editor").group
        self.assertTrue(GroupPagePermission.objects.filter(group=editors, page=home).exists())

    def test_grant_and_revoke(self):
        output = self.run_command("--grant", "alice", "translator", "fa")
        self.assertIn("alice joins 'Persian (fa) · translators'", output)
        self.assertEqual(list(roles.holders("translator", "fa")), [self.alice])
        self.assertEqual(roles.editions_of(self.alice, "translator"), {"fa"})
        self.assertEqual(roles.editions_of(self.alice, "editor"), set())
        self.run_command("--revoke", "alice", "translator", "fa")
        self.assertEqual(list(roles.holders("translator", "fa")), [])

    def test_bad_arguments_are_named(self):
        for args, message in [
            (("nobody", "translator", "fa"), "No user called 'nobody'"),
            (("alice", "boss", "fa"), "Unknown role 'boss'"),
            (("alice", "translator", "xx"), "No edition 'xx'"),
        ]:
            with self.assertRaisesMessage(CommandError, message):
                self.run_command("--grant", *args)
        self.assertFalse(self.alice.groups.exists())


class HoldersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()
        roles.set_up()
        User = get_user_model()
        cls.active = User.objects.create_user("active", "a@example.org", "pw")
        cls.inactive = User.objects.create_user("inactive", "i@example.org", "pw", is_active=False)
        cls.boss = User.objects.create_superuser("boss", "b@example.org", "pw")
        for user in (cls.active, cls.inactive, cls.boss):
            roles.grant(user, "moderator", "ar")
        roles.grant(cls.active, "moderator", "fa")

    def test_holders_are_the_active_members_without_superusers(self):
        self.assertEqual(list(roles.holders("moderator", "ar")), [self.active])
        self.assertEqual(list(roles.holders("moderator", "sq")), [])
        self.assertEqual(list(roles.holders("editor", "ar")), [])

    def test_editions_of(self):
        self.assertEqual(roles.editions_of(self.active, "moderator"), {"ar", "fa"})
        self.assertEqual(roles.editions_of(self.inactive, "moderator"), set())
        self.assertEqual(roles.editions_of(self.boss, "reviewer"), {"en", "fa", "ar", "sq"})

    def test_an_unknown_role_is_an_error(self):
        with self.assertRaises(ValueError):
            roles.holders("boss", "ar")
        with self.assertRaises(ValueError):
            roles.editions_of(self.active, "boss")
