"""Stage 3, terms: authors, categories and tags, before the items that use them.

A category is imported once per edition it is used in (a Nashr category belongs to an edition), with its
parent first and redirects from its old archive addresses; an author becomes a `Person` of the edition;
tags are shared by all editions, as in taggit. Each is created or updated once per run, then taken from
memory (`Ledger.objects`).
"""

from dataclasses import asdict
from urllib.parse import unquote

from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from nashr.articles.models import Category
from nashr.editions.urls import edition_url
from nashr.people.models import Person

from . import reader
from .ledger import checksum
from .names import readable_slug


class Terms:
    def __init__(self, run):
        self.run = run
        self.counted = set()  # categories and authors in the report: each once per run
        self.tag_redirects = set()  # (tag slug, edition) whose archive redirect is made
        self.forget()

    def forget(self):
        self.tags = {}

    def import_all(self):
        """Every category of the file in its edition, and every tag."""
        scan, report = self.run.scan, self.run.report
        for term in [t for t in scan.terms.values() if t.taxonomy == "category"]:
            with transaction.atomic():
                self.category(term, self.run.editions.of_term(term))
        for term in [t for t in scan.terms.values() if t.taxonomy == "post_tag"]:
            if self.run.dry_run:
                exists = Tag.objects.filter(name=term.name).exists()
                report.add("tag", "", "unchanged" if exists else "created")
                continue
            _, created = Tag.objects.get_or_create(name=term.name[:100])
            report.add("tag", "", "created" if created else "unchanged")

    def count_once(self, key, outcome):
        """Report a category or an author once per run, though it is looked up again after `forget`."""
        if key not in self.counted:
            self.counted.add(key)
            self.run.report.add(key[0], key[2], outcome)

    # -- categories ---------------------------------------------------------------------------

    def category(self, term, edition):
        """The Nashr category for a WordPress category in an edition, created or updated once per run."""
        ledger = self.run.ledger
        key = ("category", term.term_id or term.slug, edition.code)
        if key in ledger.objects:
            return ledger.objects[key]
        instance, digest = ledger.existing(*key, Category)
        new_digest = checksum(asdict(term))
        if instance is not None and digest == new_digest:
            ledger.objects[key] = instance
            self.count_once(key, "unchanged")
            return instance
        if self.run.dry_run:
            self.run.report.add("category", edition.code, "updated" if instance else "created")
            ledger.objects[key] = instance
            return instance
        parent_term = self.run.scan.terms.get(("category", term.parent)) if term.parent else None
        parent = self.category(parent_term, edition) if parent_term is not None else None
        name = term.name or unquote(term.slug)
        outcome = "updated" if instance else "created"
        if instance is None:
            group = self.run.scan.term_group.get(term.term_id) or f"term:{term.term_id or term.slug}"
            slug = readable_slug(term.slug, name, f"category-{term.term_id}", 100)
            instance = Category(
                locale=edition.locale,
                slug=self.run.names.edition_slug(Category, edition.locale, slug, 90),
                translation_key=self.run.names.translation_key(group, Category, edition.locale),
            )
        instance.name = name[:100]
        instance.description = term.description
        instance.parent = parent
        instance.save()
        ledger.remember(*key, instance, new_digest, {"slug": term.slug, "meta": term.meta})
        self.count_once(key, outcome)
        self.run.redirects.add(self.category_paths(term, edition), link=instance.get_absolute_url())
        return instance

    def category_paths(self, term, edition):
        """The old archive addresses of a category."""
        base, scan = self.run.base_path, self.run.scan
        chain, walker = [], term
        while walker is not None and len(chain) < 20:
            chain.insert(0, walker.slug)
            walker = scan.terms.get(("category", walker.parent)) if walker.parent else None
        paths = [f"{base}/category/{'/'.join(chain)}/", f"{base}/category/{term.slug}/"]
        if term.term_id:
            paths.append(f"{base}/?cat={term.term_id}")
        wp_lang = self.run.editions.wp_language(edition.code)
        if wp_lang and scan.term_language.get(term.term_id):
            paths += [f"{base}/{wp_lang}/category/{'/'.join(chain)}/"]
        return paths

    def of_item(self, item, edition):
        """The categories of `item` in `edition`, each once, in the file's order."""
        found = []
        for nicename, name in item.terms_of("category"):
            term = self.run.scan.terms.get(("category", nicename)) or reader.Term(
                "category", "", nicename, name
            )
            category = self.category(term, edition)
            if category is not None and category not in found:
                found.append(category)
        return found

    # -- authors ------------------------------------------------------------------------------

    def person(self, login, edition, display_name=None):
        ledger = self.run.ledger
        key = ("author", login, edition.code)
        if key in ledger.objects:
            return ledger.objects[key]
        author = self.run.scan.authors.get(login) or reader.Author(
            login=login, display_name=display_name or login
        )
        instance, digest = ledger.existing(*key, Person)
        new_digest = checksum(asdict(author))
        if instance is not None and digest == new_digest:
            ledger.objects[key] = instance
            self.count_once(key, "unchanged")
            return instance
        outcome = "updated" if instance else "created"
        if instance is None:
            slug = readable_slug(login, author.name, "author", 200)
            instance = Person(
                locale=edition.locale,
                slug=self.run.names.edition_slug(Person, edition.locale, slug, 190),
                translation_key=self.run.names.translation_key(f"author:{login}", Person, edition.locale),
            )
        instance.name = author.name[:255]
        instance.save()
        # E-mail addresses stay in WordPress: Nashr shows no contact details of its writers.
        ledger.remember(*key, instance, new_digest, {"login": login, "wp_id": author.wp_id})
        self.count_once(key, outcome)
        return instance

    def authors_of(self, item, edition):
        """The people who wrote `item`: its WordPress author, then co-authors (Co-Authors Plus and
        PublishPress Authors), each once."""
        logins = [item.creator] if item.creator else []
        for nicename, name in item.terms_of("author"):
            login = nicename.removeprefix("cap-")
            known = next((a for a in self.run.scan.authors if a == login or slugify(a) == login), None)
            logins.append(known or name or login)
        people = []
        for login in dict.fromkeys(logins):
            person = self.person(login, edition)
            if person not in people:
                people.append(person)
        return people

    # -- tags ---------------------------------------------------------------------------------

    def tag(self, name):
        """The tag named `name` (any case), created once and then taken from memory."""
        key = name[:100].lower()
        if key not in self.tags:
            tag = Tag.objects.filter(name__iexact=name[:100]).first()
            self.tags[key] = tag or Tag.objects.create(name=name[:100])
        return self.tags[key]

    def tags_of(self, item):
        return list({self.tag(name): None for _, name in item.terms_of("post_tag") if name.strip()})

    def tag_archives(self, item, edition):
        """Redirects from the old archive addresses of the item's tags to the edition's tag pages."""
        base = self.run.base_path
        for nicename, name in item.terms_of("post_tag"):
            if (nicename, edition.code) in self.tag_redirects or not nicename:
                continue
            self.tag_redirects.add((nicename, edition.code))
            tag = self.tag(name) if name.strip() else None
            if tag is not None:
                link = edition_url(edition.code, f"tag/{tag.slug}/")
                self.run.redirects.add([f"{base}/tag/{nicename}/", f"{base}/?tag={nicename}"], link=link)
