from django.db.models.signals import post_init
from django.test import TestCase
from wagtail.models import Page, get_page_models

from nashr.caching.instances import from_db, made_plainly
from nashr.core.tests.factories import ImageFactory, every_page_type_site


def row_of(obj, names=None):
    fields = [f for f in type(obj)._meta.concrete_fields if names is None or f.attname in names]
    return [f.attname for f in fields], [getattr(obj, f.attname) for f in fields]


def state(obj):
    return {k: v for k, v in vars(obj).items() if k != "_state"}, obj._state.adding, obj._state.db


class InstancesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.pages = every_page_type_site()

    def test_every_page_type_is_made_as_its_from_db_makes_it(self):
        kinds = {type(page.specific) for page in self.pages.values()}
        self.assertGreaterEqual(len(kinds), 9)
        for page in [*(p.specific for p in self.pages.values()), *Page.objects.all()[:5]]:
            model = type(page)
            with self.subTest(model=model.__name__):
                names, values = row_of(page)
                made, expected = (
                    from_db(model, "default", names, values),
                    model.from_db("default", names, values),
                )
                self.assertIs(type(made), model)
                self.assertEqual(state(made), state(expected))
                self.assertFalse(made._state.adding)

    def test_a_row_of_some_columns_leaves_the_others_deferred_as_from_db_does(self):
        article = self.pages["en", "article"].specific
        names, values = row_of(
            article, {"id", "page_ptr_id", "postpage_ptr_id", "title", "url_path", "locale_id"}
        )
        made, expected = (
            from_db(type(article), "default", names, values),
            type(article).from_db("default", names, values),
        )
        self.assertEqual(state(made), state(expected))
        self.assertEqual(made.get_deferred_fields(), expected.get_deferred_fields())
        self.assertIn("summary", made.get_deferred_fields())

    def test_a_row_without_an_id_goes_through_the_constructors(self):
        article = self.pages["en", "article"].specific
        names, values = row_of(article)
        emptied = {"id", "page_ptr_id", "postpage_ptr_id", "content_type_id"}
        values = [None if name in emptied else value for name, value in zip(names, values, strict=True)]
        made = from_db(type(article), "default", names, values)
        self.assertEqual(made.content_type_id, article.content_type_id)  # set by Wagtail's constructor

    def test_a_model_with_a_constructor_of_its_own_is_made_by_it(self):
        image = ImageFactory()
        self.assertFalse(made_plainly(type(image)))
        names, values = row_of(image)
        made = from_db(type(image), "default", names, values)
        self.assertIs(made.decorative, False)  # AbstractImage.__init__ sets it

    def test_every_page_type_of_the_site_is_made_plainly(self):
        """A Wagtail or modelcluster upgrade adding a constructor to pages fails here: read it, and add it to
        instances._idle_for_rows only if it does nothing for a row with an id."""
        for model in get_page_models():
            with self.subTest(model=model.__name__):
                self.assertTrue(made_plainly(model))

    def test_a_receiver_of_post_init_sees_every_instance_made(self):
        article = self.pages["en", "article"].specific
        names, values = row_of(article)
        seen = []

        def receiver(sender, instance, **kwargs):
            seen.append((instance.pk, instance.title))

        post_init.connect(receiver, sender=type(article))
        try:
            made = from_db(type(article), "default", names, values)
        finally:
            post_init.disconnect(receiver, sender=type(article))
        self.assertEqual(seen, [(article.pk, article.title)])
        self.assertEqual(state(made), state(type(article).from_db("default", names, values)))

    def test_a_streamfield_and_foreign_keys_are_set_as_setattr_sets_them(self):
        article = self.pages["en", "article"].specific
        names, values = row_of(article)
        made = from_db(type(article), "default", names, values)
        self.assertEqual(made.body.raw_data, article.body.raw_data)
        self.assertEqual(made.lead_image_id, article.lead_image_id)
        self.assertEqual(made.locale, article.locale)  # the related object read through the id

    def test_rows_read_with_select_related_are_made_as_the_queryset_makes_them(self):
        from wagtail.models import Site

        from nashr.caching.queries import PreparedQuery
        from nashr.core.models import PostPage

        posts = PreparedQuery(
            lambda pks: (
                PostPage.objects.filter(pk__in=pks).select_related("lead_image", "locale").order_by("pk")
            )
        )
        pks = sorted(page.pk for page in self.pages.values() if isinstance(page.specific, PostPage))
        prepared, expected = (
            posts(pks=pks),
            list(PostPage.objects.filter(pk__in=pks).select_related("lead_image", "locale").order_by("pk")),
        )
        self.assertGreaterEqual(len(expected), 3)
        self.assertTrue(any(post.lead_image_id for post in expected))
        for made, wanted in zip(prepared, expected, strict=True):
            self.assertEqual(state(made.locale), state(wanted.locale))
            self.assertEqual(made.lead_image, wanted.lead_image)
            if wanted.lead_image_id:
                self.assertEqual(made.lead_image.file.name, wanted.lead_image.file.name)
        # A page reached through another model's row (a site's root page) skips Wagtail's constructors too.
        sites = PreparedQuery(lambda pk: Site.objects.filter(pk=pk).select_related("root_page"))
        site = Site.objects.select_related("root_page").first()
        (made,) = sites(pk=site.pk)
        self.assertEqual(state(made.root_page), state(site.root_page))
        self.assertIs(Site.root_page.field.get_cached_value(made), made.root_page)
        self.assertIs(type(made.root_page), Page)

    def test_a_receiver_connected_between_two_runs_of_a_query_sees_the_second(self):
        from nashr.caching.queries import PreparedQuery

        pages = PreparedQuery(lambda pks: Page.objects.filter(pk__in=pks).order_by("pk"))
        pks = sorted(page.pk for page in self.pages.values())[:3]
        first = pages(pks=pks)
        seen = []

        def receiver(sender, instance, **kwargs):
            seen.append(instance.pk)

        post_init.connect(receiver, sender=Page)
        try:
            second = pages(pks=pks)
        finally:
            post_init.disconnect(receiver, sender=Page)
        self.assertEqual(seen, pks)
        self.assertEqual([state(page) for page in second], [state(page) for page in first])
