from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import add_section, build_editions


class ThreadedCommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.article = make_article(add_section(homes["en"], "Articles"), "Rowing regatta")

    def comment(self, name, parent=None, status=Comment.Status.APPROVED):
        return Comment.objects.create(
            page=self.article, name=name, body=f"{name} wrote", parent=parent, status=status
        )

    def test_replies_follow_their_parent_indented(self):
        first = self.comment("First")
        self.comment("Second")
        reply = self.comment("Reply", parent=first)
        self.comment("Reply to reply", parent=reply)
        ordered = Comment.objects.approved().filter(page=self.article).threaded()
        self.assertEqual(
            [(c.name, c.depth) for c in ordered],
            [("First", 0), ("Reply", 1), ("Reply to reply", 2), ("Second", 0)],
        )
        response = self.client.get(self.article.url)
        self.assertContains(response, 'class="comment comment--reply comment--depth-2"')
        self.assertContains(response, "4 comments")

    def test_reply_to_a_comment_not_shown_stands_alone(self):
        held = self.comment("Held", status=Comment.Status.PENDING)
        self.comment("Answer", parent=held)
        ordered = Comment.objects.approved().filter(page=self.article).threaded()
        self.assertEqual([(c.name, c.depth) for c in ordered], [("Answer", 0)])
        self.assertNotContains(self.client.get(self.article.url), "Held wrote")

    def test_deep_threads_stop_indenting(self):
        parent = None
        for n in range(6):
            parent = self.comment(f"Level {n}", parent=parent)
        depths = [c.depth for c in Comment.objects.approved().filter(page=self.article).threaded()]
        self.assertEqual(depths, [0, 1, 2, 3, 3, 3])
