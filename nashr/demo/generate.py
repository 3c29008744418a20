"""Generated content at scale, for benchmarks: thousands of articles in the four editions.

`generate(articles)` adds article pages to a site that already has the demo (`load_demo`): stories in
translation groups (one story in every edition), each in its edition's Articles section, with
categories, tags, authors, a translator on some, a lead image from a small pool and a body in the
edition's language. Persian and Arabic text mixes the spellings readers meet (Arabic or Persian yeh
and kaf, a zero-width non-joiner, a space or nothing inside compounds, three digit systems).

Rows are written in bulk, table by table, for speed: no page signal fires and no revision is made.
Whatever derives from pages (search index, page cache, static output) is rebuilt by its own command.
The text is made of short word lists written for this module; it reads like a newsroom, not like prose.
"""

import datetime as dt
import io
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag, Category
from nashr.core.bulk import child_paths, insert_pages, last_child_path, refresh_statistics
from nashr.core.models import SectionPage
from nashr.images.models import NashrImage
from nashr.people.models import Person

from . import pictures

EDITIONS = ["en", "fa", "ar", "sq"]
BATCH = 500
TAGS_PER_EDITION = 300
PEOPLE_PER_EDITION = 40
MOTIFS = sorted(pictures.MOTIFS)  # one picture per motif, reused across the generated pieces

_TEXT = {
    "en": (
        "festival library weather storm rain sunshine football match stadium museum "
        "concert theatre book fair author poetry novel reader season harvest market river "
        "bridge mountain village city council school students teacher orchestra film "
        "cinema painting gallery exhibition marathon runner cyclist team coach league "
        "final victory draw spring summer autumn winter forecast temperature snow wind "
        "coast festival crafts bakery recipe garden park volunteers"
    ),
    "sq": (
        "festival bibliotekë moti stuhi shi diell futboll ndeshje stadium muze koncert "
        "teatër libër panair autor poezi roman lexues stinë korrje treg lumë urë mal "
        "fshat qytet këshill shkollë nxënës mësues orkestër film kinema pikturë galeri "
        "ekspozitë maratonë vrapues çiklist ekip trajner kampionat finale fitore barazim "
        "pranverë verë vjeshtë dimër parashikim temperaturë borë erë bregdet zeje furrë "
        "recetë kopsht park vullnetarë Tiranë Shkodër Korçë"
    ),
    "fa": (
        "جشنواره کتابخانه هوا طوفان باران آفتاب فوتبال مسابقه ورزشگاه موزه کنسرت تئاتر "
        "کتاب نمایشگاه نویسنده شعر رمان خواننده فصل برداشت بازار رودخانه پل کوه روستا شهر "
        "شورا مدرسه دانش\u200cآموزان معلم ارکستر فیلم سینما نقاشی نگارخانه کتاب\u200cها کتابها کتاب "
        "ها می\u200cرود میرود دوچرخه\u200cسوار تیم مربی لیگ فینال پیروزی بهار تابستان پاییز زمستان "
        "پیش\u200cبینی دما برف باد ساحل صنایع\u200cدستی نانوایی باغ پارک داوطلبان تهران تبریز شیراز "
        "اصفهان ۱۴۰۴ ٢٠٢٦ 2026 كتاب"
    ),
    "ar": (
        "مهرجان مكتبة الطقس عاصفة مطر شمس كرة القدم مباراة ملعب متحف حفلة مسرح كتاب معرض "
        "الكتاب مؤلف شعر رواية قارئ موسم حصاد سوق نهر جسر جبل قرية مدينة مجلس مدرسة طلاب "
        "معلم أوركسترا فيلم سينما لوحة معرض الفنون ماراثون عداء فريق مدرب الدوري النهائي "
        "فوز الربيع الصيف الخريف الشتاء توقعات درجة الحرارة ثلج رياح ساحل حرف يدوية مخبز "
        "حديقة متطوعون القاهرة بيروت عمّان تونس إسطنبول الكُتُب مدرسةٌ ٢٠٢٦ ۱۴۰۴ 2026 "
        "مكتبه كتابي"
    ),
}
WORDS = {lang: text.split() for lang, text in _TEXT.items()}
_NAMES = {
    "en": ("Ada Leila Omar Sara Arben Mina Yusuf Dora Karim Elira", "Rahimi Hoxha Haddad Nouri"),
    "sq": ("Ada Lejla Omar Sara Arben Mina Jusuf Dora Karim Elira", "Rahimi Hoxha Hadad Nuri"),
    "fa": ("آدا لیلا عمر سارا آربن مینا یوسف دورا کریم الیرا", "رحیمی خوجه حداد نوری"),
    "ar": ("آدا ليلى عمر سارة أربن مينا يوسف دورا كريم إليرا", "رحيمي خوجا حداد نوري"),
}
NAMES = {lang: (first.split(), last.split()) for lang, (first, last) in _NAMES.items()}


def words(rnd, lang, count):
    return " ".join(rnd.choice(WORDS[lang]) for _ in range(count))


def paragraph(rnd, lang):
    sentences = [words(rnd, lang, rnd.randint(8, 16)) for _ in range(rnd.randint(2, 4))]
    return " ".join(s[:1].upper() + s[1:] + "." for s in sentences)


class Generator:
    def __init__(self, seed=1, stdout=None):
        self.rnd = random.Random(seed)
        self.stdout = stdout
        self.locales = {lang: Locale.objects.get(language_code=lang) for lang in EDITIONS}
        self.sections = {}
        for lang, locale in self.locales.items():
            section = SectionPage.objects.filter(locale=locale, slug="articles").first()
            if section is None:
                raise RuntimeError("The demo site is missing: run `manage.py load_demo` first.")
            self.sections[lang] = section
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.categories = self.by_translation_key(Category)
        if not self.categories:
            raise RuntimeError("No categories: run `manage.py load_demo` first.")

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    def by_translation_key(self, model):
        """[{lang: object}] for every translation group complete in the four editions."""
        groups = {}
        for obj in model.objects.filter(locale__in=self.locales.values()).select_related("locale"):
            groups.setdefault(obj.translation_key, {})[obj.locale.language_code] = obj
        return [g for _, g in sorted(groups.items(), key=lambda kv: str(kv[0])) if len(g) == len(EDITIONS)]

    # -- pools ------------------------------------------------------------------------------

    def images(self):
        pool = []
        for motif in MOTIFS:
            title = f"generated/{motif}"
            image = NashrImage.objects.filter(title=title).first()
            if image is None:
                image = NashrImage(
                    title=title,
                    credit="Nashr",
                    file=ImageFile(io.BytesIO(pictures.draw(title, motif)), name=f"generated-{motif}.jpg"),
                )
                image.save()
            pool.append(image)
        return pool

    def people(self):
        existing = [g for g in self.by_translation_key(Person) if g["en"].slug.startswith("generated-")]
        for index in range(len(existing), PEOPLE_PER_EDITION):
            key = uuid.uuid4()
            group = {}
            for lang in EDITIONS:
                first, last = NAMES[lang]
                name = f"{first[index % len(first)]} {last[index // len(first) % len(last)]}"
                group[lang] = Person.objects.create(
                    name=name, slug=f"generated-{index}", locale=self.locales[lang], translation_key=key
                )
            existing.append(group)
        return existing

    def tags(self, lang):
        names = [f"{words(random.Random(f'{lang}{i}'), lang, 2)} {i}" for i in range(TAGS_PER_EDITION)]
        found = {t.name: t for t in Tag.objects.filter(name__in=names)}
        missing = [Tag(name=n, slug=f"generated-{lang}-{i}") for i, n in enumerate(names) if n not in found]
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        return list(Tag.objects.filter(name__in=names))

    # -- articles ---------------------------------------------------------------------------

    def run(self, articles):
        images = self.images()
        people = self.people()
        tags = {lang: self.tags(lang) for lang in EDITIONS}
        stories = [EDITIONS[: min(4, articles - i)] for i in range(0, articles, 4)]
        now = timezone.now()
        made = 0
        for start in range(0, len(stories), BATCH):
            with transaction.atomic():
                made += self.batch(stories[start : start + BATCH], images, people, tags, now)
            self.log(f"  {made} articles")
        refresh_statistics()
        return made

    def next_paths(self, section, count):
        section.refresh_from_db()
        return child_paths(section, count, last_child_path(section))

    def batch(self, stories, images, people, tags, now):
        rnd = self.rnd
        counts = {lang: sum(lang in s for s in stories) for lang in EDITIONS}
        paths = {lang: iter(self.next_paths(self.sections[lang], n)) for lang, n in counts.items()}
        pages, links = [], []
        for story in stories:
            key = uuid.uuid4()
            number = rnd.randrange(10**9)
            published = now - dt.timedelta(minutes=rnd.randrange(60 * 24 * 365 * 5))
            category_groups = rnd.sample(self.categories, k=min(len(self.categories), rnd.choice((1, 1, 2))))
            author_groups = rnd.sample(people, k=rnd.choice((1, 1, 2)))
            translator = rnd.choice(people) if rnd.random() < 0.25 else None
            image = rnd.choice(images)
            for lang in story:
                section = self.sections[lang]
                title = words(rnd, lang, rnd.randint(4, 9))
                slug = f"g{number}-{lang}"
                page = ArticlePage(
                    path=next(paths[lang]),
                    depth=section.depth + 1,
                    numchild=0,
                    title=title[:255],
                    draft_title=title[:255],
                    slug=slug,
                    content_type=self.content_type,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{section.url_path}{slug}/",
                    first_published_at=published,
                    last_published_at=published,
                    locale=self.locales[lang],
                    parent_page_id=section.pk,
                    translation_key=key,
                    summary=words(rnd, lang, rnd.randint(15, 30)),
                    published_at=published,
                    lead_image=image,
                    lead_caption=words(rnd, lang, 6),
                    body=[
                        ("paragraph", RichText(f"<p>{paragraph(rnd, lang)}</p>"))
                        for _ in range(rnd.randint(3, 6))
                    ],
                    translator=translator[lang] if translator and lang != "en" else None,
                )
                pages.append(page)
                links.append((page, lang, category_groups, author_groups))
        self.insert(pages)
        self.link(links, tags)
        return len(pages)

    def link(self, links, tags):
        """Categories, authors and tags of the pages just inserted, and their sections' child counts."""
        rnd = self.rnd
        through = ArticlePage.categories.through
        through.objects.bulk_create(
            through(articlepage_id=page.pk, category_id=group[lang].pk)
            for page, lang, groups, _ in links
            for group in groups
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(page_id=page.pk, person_id=group[lang].pk, sort_order=i)
            for page, lang, _, authors in links
            for i, group in enumerate(authors)
        )
        ArticleTag.objects.bulk_create(
            ArticleTag(content_object_id=page.pk, tag_id=tag.pk)
            for page, lang, _, _ in links
            for tag in rnd.sample(tags[lang], k=rnd.randint(1, 4))
        )
        for section in self.sections.values():  # not get_children(): it trusts the stale numchild
            children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
            Page.objects.filter(pk=section.pk).update(numchild=children.count())

    def insert(self, pages):
        """Write the three tables of each page: wagtailcore_page, core_postpage, articles_articlepage."""
        for page in pages:
            page.edition_id = page.locale_id  # as PostPage.save() does
        insert_pages(pages)


def generate(articles, seed=1, stdout=None):
    """Add `articles` generated article pages to the demo site; returns how many were made."""
    return Generator(seed=seed, stdout=stdout).run(articles)
