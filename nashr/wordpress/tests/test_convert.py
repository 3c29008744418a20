from django.test import SimpleTestCase

from nashr.wordpress.convert import to_blocks, to_rich_text
from nashr.wordpress.reader import php_unserialize_map


def no_images(wp_id, src):
    return None


class ConvertTests(SimpleTestCase):
    def test_blank_lines_make_paragraphs_and_single_breaks_stay(self):
        blocks = to_blocks("First line\nsame paragraph.\n\nSecond.", no_images)
        self.assertEqual(blocks, [("paragraph", "<p>First line<br>\nsame paragraph.</p><p>Second.</p>")])

    def test_markup_is_reduced_to_what_the_body_allows(self):
        html = (
            '<h1 style="color:red">Title</h1><h5>Small</h5><p><span class="x"><em>soft</em></span> '
            '<a href="javascript:alert(1)">bad</a> <a href="/local/">good</a></p>'
            "<ul><li>one</li><li>two</li></ul>"
            "<style>p{}</style><script>x()</script>"
        )
        [(kind, value)] = to_blocks(html, no_images)
        self.assertEqual(kind, "paragraph")
        self.assertEqual(
            value,
            '<h2>Title</h2><h3>Small</h3><p><i>soft</i> bad <a href="/local/">good</a></p>'
            "<ul><li>one</li><li>two</li></ul>",
        )

    def test_unknown_image_stays_visible_as_a_link(self):
        blocks = to_blocks(
            '<p><img src="https://old.example.org/a/sunrise.jpg" alt="Sunrise"></p>', no_images
        )
        self.assertEqual(
            blocks, [("paragraph", '<p><a href="https://old.example.org/a/sunrise.jpg">Sunrise</a></p>')]
        )

    def test_embeds_from_urls_iframes_and_video_shortcodes(self):
        html = (
            "Intro.\n\nhttps://video.example.net/w/match\n\n"
            '<iframe src="https://maps.example.net/embed?x=1" title="Stadium map"></iframe>\n\n'
            '[video width="640" mp4="https://old.example.org/wp-content/uploads/goal.mp4"][/video]'
        )
        blocks = to_blocks(html, no_images)
        self.assertEqual([kind for kind, _ in blocks], ["paragraph", "embed", "embed", "embed"])
        self.assertEqual(blocks[1][1]["url"], "https://video.example.net/w/match")
        self.assertEqual(blocks[2][1]["title"], "Stadium map")
        self.assertEqual((blocks[3][1]["title"], blocks[3][1]["provider"]), ("goal.mp4", "video"))

    def test_entities_and_text_characters_are_kept(self):
        [(_, value)] = to_blocks("A&nbsp;B &amp; C &lt;tag&gt; \u200e\u2067x\u2069 🌧️", no_images)
        self.assertEqual(value, "<p>A\xa0B &amp; C &lt;tag&gt; \u200e\u2067x\u2069 🌧️</p>")

    def test_pages_get_one_rich_text_document(self):
        blocks = to_blocks("<p>One</p><blockquote><p>Said</p><cite>Her</cite></blockquote>", no_images)
        self.assertEqual(to_rich_text(blocks), "<p>One</p><p>Said — Her</p>")

    def test_polylang_groups_are_read_from_php_serialised_arrays(self):
        self.assertEqual(php_unserialize_map('a:2:{s:2:"en";i:12;s:2:"fa";i:14;}'), {"en": "12", "fa": "14"})
        self.assertEqual(php_unserialize_map("not serialised"), {})
