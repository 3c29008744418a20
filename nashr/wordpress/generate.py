"""Writes a large WordPress export of our own for tests and the import benchmark.

Posts alternate between English and Farsi Polylang translation groups, with categories (two levels), tags,
two authors, Gutenberg and classic bodies and a few threaded comments. Written piece by piece, so a file of
any size needs no memory.
"""

from xml.sax.saxutils import escape

TOPICS = [
    ("Weather", "آب‌وهوا", "The rain came back to the harbour", "باران به بندر بازگشت"),
    ("Culture", "فرهنگ", "A new reading room opens", "قرائت‌خانه‌ای تازه گشایش یافت"),
    ("Sport", "ورزش", "The rowing club wins at home", "باشگاه قایقرانی در خانه پیروز شد"),
    ("Book fair", "نمایشگاه کتاب", "Stalls fill the pier for the fair", "غرفه‌ها اسکله را پر کردند"),
]
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="https://wordpress.org/export/1.2/">
<channel>
<title>Generated harbour news</title><link>https://generated.example.org</link>
<language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://generated.example.org</wp:base_site_url>
<wp:base_blog_url>https://generated.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>dana</wp:author_login>
<wp:author_display_name>Dana Lee</wp:author_display_name></wp:author>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login>sara</wp:author_login>
<wp:author_display_name>سارا احمدی</wp:author_display_name></wp:author>
<wp:term><wp:term_id>900</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>en</wp:term_slug>
<wp:term_name>English</wp:term_name></wp:term>
<wp:term><wp:term_id>901</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>fa</wp:term_slug>
<wp:term_name>فارسی</wp:term_name></wp:term>
"""


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _categories():
    """(term id, slug, name, parent slug, language, group) for each topic and one child per topic."""
    rows = []
    for n, (en, fa, _, _) in enumerate(TOPICS):
        base = 10 + n * 4
        rows.append((base, f"topic-{n}", en, "", "en", f"pll_cat{n}"))
        rows.append((base + 1, f"topic-{n}-fa", fa, "", "fa", f"pll_cat{n}"))
        rows.append((base + 2, f"topic-{n}-local", f"{en} (local)", f"topic-{n}", "en", f"pll_sub{n}"))
        rows.append((base + 3, f"topic-{n}-local-fa", f"{fa} (محلی)", f"topic-{n}-fa", "fa", f"pll_sub{n}"))
    return rows


def _post(post_id, lang, group, n):
    en, fa, title_en, title_fa = TOPICS[n % len(TOPICS)]
    title = f"{title_en} ({n})" if lang == "en" else f"{title_fa} ({n})"
    category = f"topic-{n % len(TOPICS)}" + ("-local" if n % 3 == 0 else "") + ("-fa" if lang == "fa" else "")
    tag = f"tag-{n % 50}"
    if n % 2:
        body = (
            f"<!-- wp:paragraph --><p>{escape(title)}: <strong>notes</strong> from the day.</p>"
            "<!-- /wp:paragraph --><!-- wp:quote --><blockquote class='wp-block-quote'><p>Quiet water.</p>"
            "<cite>A sailor</cite></blockquote><!-- /wp:quote -->"
        )
    else:
        body = f"{escape(title)} — first paragraph.\n\nSecond paragraph with a line\nbreak."
    comments = ""
    if n % 5 == 0:
        comments = (
            f"<wp:comment><wp:comment_id>{post_id * 10}</wp:comment_id>"
            f"<wp:comment_author>Reader</wp:comment_author>"
            f"<wp:comment_date_gmt>2023-01-01 10:00:00</wp:comment_date_gmt><wp:comment_content>"
            f"{_cdata('Nice piece.')}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
            f"<wp:comment_parent>0</wp:comment_parent></wp:comment>"
            f"<wp:comment><wp:comment_id>{post_id * 10 + 1}</wp:comment_id>"
            f"<wp:comment_author>Writer</wp:comment_author>"
            f"<wp:comment_date_gmt>2023-01-01 11:00:00</wp:comment_date_gmt><wp:comment_content>"
            f"{_cdata('Thank you.')}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
            f"<wp:comment_parent>{post_id * 10}</wp:comment_parent></wp:comment>"
        )
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    return (
        f"<item><title>{_cdata(title)}</title>"
        f"<link>https://generated.example.org/2023/{month:02d}/post-{post_id}/</link>"
        f"<dc:creator>{'dana' if lang == 'en' else 'sara'}</dc:creator>"
        f'<guid isPermaLink="false">https://generated.example.org/?p={post_id}</guid>'
        f"<content:encoded>{_cdata(body)}</content:encoded><excerpt:encoded>{_cdata('')}</excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>2023-{month:02d}-{day:02d} 09:00:00</wp:post_date>"
        f"<wp:post_date_gmt>2023-{month:02d}-{day:02d} 08:00:00</wp:post_date_gmt>"
        f"<wp:post_name>post-{post_id}</wp:post_name><wp:status>publish</wp:status>"
        f"<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>"
        f'<category domain="category" nicename="{category}">{_cdata(category)}</category>'
        f'<category domain="post_tag" nicename="{tag}">{_cdata(tag)}</category>'
        f'<category domain="language" nicename="{lang}">{lang}</category>'
        f'<category domain="post_translations" nicename="{group}">{group}</category>'
        f"<wp:postmeta><wp:meta_key>views</wp:meta_key><wp:meta_value>{n}</wp:meta_value></wp:postmeta>"
        f"{comments}</item>\n"
    )


def write_export(path, posts=10_000):
    """Write `posts` posts (half English, half Farsi translations of them) to `path`."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        groups = {}
        for term_id, slug, name, parent, lang, group in _categories():
            out.write(
                f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{slug}"
                f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>{_cdata(name)}</wp:cat_name></wp:category>\n"
            )
            groups.setdefault(group, []).append((lang, term_id))
        for number, (group, members) in enumerate(groups.items()):
            serialized = "".join(f's:2:"{lang}";i:{term_id};' for lang, term_id in members)
            out.write(
                f"<wp:term><wp:term_id>{1000 + number}</wp:term_id><wp:term_taxonomy>term_translations"
                f"</wp:term_taxonomy><wp:term_slug>{group}</wp:term_slug><wp:term_description>"
                f"{_cdata(f'a:{len(members)}:{{{serialized}}}')}</wp:term_description></wp:term>\n"
            )
        for n in range(50):
            out.write(f"<wp:tag><wp:term_id>{2000 + n}</wp:term_id><wp:tag_slug>tag-{n}</wp:tag_slug>"
                      f"<wp:tag_name>tag-{n}</wp:tag_name></wp:tag>\n")  # fmt: skip
        for n in range(posts):
            group = f"pll_g{n // 2}"
            out.write(_post(10_000 + n, "en" if n % 2 == 0 else "fa", group, n // 2))
        out.write("</channel>\n</rss>\n")
