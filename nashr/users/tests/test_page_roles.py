"""Pages: each role works in its edition's tree only; translators submit, editors and reviewers publish."""

from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from nashr.core.models import SectionPage

from .site import EditionSiteTestCase


def section_form(page, title, action=None):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": "",
            "intro": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
        }
    )
    if action:
        data[f"action-{action}"] = action
    return data


class PageBoundaryTests(EditionSiteTestCase):
    def edit(self, page, title, action=None):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        return self.client.post(url, section_form(page, title, action))

    def live_title(self, page):
        return Page.objects.get(pk=page.pk).title

    def test_a_translator_edits_and_submits_a_page_of_the_edition(self):
        self.sign_in("translator", "fa")
        page = self.sections["fa"]
        self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200)
        response = self.edit(page, "خبرها", "submit")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.workflow.name, "Persian (fa) review")
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(Page.objects.get(pk=page.pk).get_latest_revision().content["title"], "خبرها")
        self.assertEqual(self.live_title(page), "News fa")

    def test_a_translator_cannot_publish(self):
        self.sign_in("translator", "fa")
        page = self.sections["fa"]
        self.edit(page, "خبرها", "publish")
        self.assertEqual(self.live_title(page), "News fa")
        url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
        self.assertRefused(self.client.post(url))
        self.assertTrue(Page.objects.get(pk=page.pk).live)

    def test_a_translator_reaches_no_page_of_another_edition(self):
        self.sign_in("translator", "fa")
        for code in ("en", "ar"):
            for page in (self.sections[code], self.articles[code]):
                self.assertRefused(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
            self.assertRefused(self.edit(self.sections[code], "Changed", "submit"))
            self.assertEqual(self.live_title(self.sections[code]), f"News {code}")
            add = reverse("wagtailadmin_pages:add", args=["core", "sectionpage", self.homes[code].pk])
            self.assertRefused(self.client.get(add))
        add = reverse("wagtailadmin_pages:add", args=["core", "sectionpage", self.homes["fa"].pk])
        self.assertEqual(self.client.get(add).status_code, 200)

    def test_an_editor_publishes_in_the_edition_only(self):
        self.sign_in("editor", "fa")
        self.assertEqual(self.edit(self.sections["fa"], "خبرها", "publish").status_code, 302)
        self.assertEqual(self.live_title(self.sections["fa"]), "خبرها")
        for code in ("en", "ar"):
            self.assertRefused(self.edit(self.sections[code], "Changed", "publish"))
            self.assertEqual(self.live_title(self.sections[code]), f"News {code}")
            unpublish = reverse("wagtailadmin_pages:unpublish", args=[self.articles[code].pk])
            self.assertRefused(self.client.post(unpublish))
            self.assertTrue(Page.objects.get(pk=self.articles[code].pk).live)
            delete = reverse("wagtailadmin_pages:delete", args=[self.articles[code].pk])
            self.assertRefused(self.client.post(delete))
            self.assertTrue(Page.objects.filter(pk=self.articles[code].pk).exists())

    def test_a_reviewer_approves_what_a_translator_submitted(self):
        self.sign_in("translator", "fa")
        page = self.sections["fa"]
        self.edit(page, "خبرها", "submit")
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.sign_in("reviewer", "fa")
        task_state = state.current_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        response = self.client.post(url, {"comment": ""})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(self.live_title(page), "خبرها")

    def test_another_editions_reviewer_cannot_approve(self):
        self.sign_in("translator", "fa")
        page = self.sections["fa"]
        self.edit(page, "خبرها", "submit")
        task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
        self.sign_in("moderator", "ar")
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        self.assertRefused(self.client.post(url, {"comment": ""}))
        self.assertEqual(self.live_title(page), "News fa")

    def test_a_comment_moderator_edits_no_page(self):
        self.sign_in("moderator", "ar")
        for code in ("en", "fa", "ar"):
            self.assertRefused(
                self.client.get(reverse("wagtailadmin_pages:edit", args=[self.sections[code].pk]))
            )
        self.assertFalse(SectionPage.objects.filter(title="Changed").exists())
