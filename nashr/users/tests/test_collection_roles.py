"""Images and documents: an edition's editors manage its collection; other editions' files stay closed."""

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from nashr.core.tests.factories import ImageFactory

from .site import EditionSiteTestCase


class CollectionBoundaryTests(EditionSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.collections = {code: Collection.objects.get(name=label) for code, label in
                           [("fa", "Persian (fa)"), ("ar", "Arabic (ar)")]}  # fmt: skip
        cls.images = {code: ImageFactory(collection=c) for code, c in cls.collections.items()}
        Document = get_document_model()
        cls.documents = {
            code: Document.objects.create(
                title=f"Report {code}", collection=c, file=ContentFile(b"%PDF-1.4", "r.pdf")
            )
            for code, c in cls.collections.items()
        }

    def test_an_editor_edits_the_editions_files_only(self):
        self.sign_in("editor", "fa")
        self.assertEqual(
            self.client.get(reverse("wagtailimages:edit", args=[self.images["fa"].pk])).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("wagtaildocs:edit", args=[self.documents["fa"].pk])).status_code, 200
        )
        self.assertRefused(self.client.get(reverse("wagtailimages:edit", args=[self.images["ar"].pk])))
        self.assertRefused(self.client.get(reverse("wagtaildocs:edit", args=[self.documents["ar"].pk])))
        self.client.post(reverse("wagtailimages:delete", args=[self.images["ar"].pk]))
        self.assertTrue(type(self.images["ar"]).objects.filter(pk=self.images["ar"].pk).exists())

    def test_uploads_go_to_the_editions_collection(self):
        self.sign_in("editor", "fa")
        response = self.client.get(reverse("wagtailimages:add_multiple"))
        offered = (
            {c.pk for c in response.context["collections"]} if response.context["collections"] else set()
        )
        self.assertLessEqual(offered, {self.collections["fa"].pk})
        listing = self.client.get(reverse("wagtailimages:index"))
        self.assertEqual({image.pk for image in listing.context["images"]}, {self.images["fa"].pk})

    def test_a_translator_chooses_but_does_not_edit(self):
        self.sign_in("translator", "fa")
        chooser = self.client.get(reverse("wagtailimages_chooser:choose"))
        self.assertEqual(chooser.status_code, 200)
        self.assertRefused(self.client.get(reverse("wagtailimages:edit", args=[self.images["fa"].pk])))
