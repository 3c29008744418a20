"""A site with lists and a published issue, and subscribers made in bulk."""

from django.utils import timezone
from wagtail.models import Locale

from nashr.core.tests.factories import add_section, build_editions, publish
from nashr.publications.models import PeriodicalIssuePage

from ..models import MailingList, Subscriber, Subscription


def build_site():
    """{"homes": {language: HomePage}, "newsletter": SectionPage (en), "lists": {kind: MailingList (en)}}."""
    homes = build_editions()
    publications = add_section(homes["en"], "Publications")
    newsletter = add_section(publications, "Newsletter")
    brief = add_section(publications, "Briefs")
    lists = {
        "newsletter": make_list("en", "newsletter", page=newsletter, name="Weekly newsletter"),
        "brief": make_list("en", "brief", page=brief, name="Culture brief"),
    }
    return {"homes": homes, "newsletter": newsletter, "brief": brief, "lists": lists}


def make_list(language, kind, page=None, name=None, public=True):
    return MailingList.objects.create(
        locale=Locale.objects.get(language_code=language),
        kind=kind,
        name=name or f"{kind} {language}",
        slug=f"{kind}-{MailingList.objects.count() + 1}",
        page=page,
        public=public,
    )


def make_issue(section, number=1, periodical="newsletter", title=None):
    issue = PeriodicalIssuePage(
        title=title or f"Issue {number}",
        slug=f"issue-{periodical}-{number}",
        periodical=periodical,
        number=number,
        summary="What happened this week.",
    )
    section.add_child(instance=issue)
    return publish(issue)


def subscribe_many(mailing_list, count, prefix="reader", start=0):
    """`count` confirmed subscribers of `mailing_list`, made in bulk; returns their addresses."""
    now = timezone.now()
    emails = [f"{prefix}{n}@example.org" for n in range(start, start + count)]
    known = list(Subscriber.objects.filter(email__in=emails))
    have = {s.email for s in known}
    made = known + Subscriber.objects.bulk_create(
        [Subscriber(email=e, language=mailing_list.locale.language_code) for e in emails if e not in have],
        batch_size=1000,
    )
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber_id=subscriber.pk,
                list=mailing_list,
                status=Subscription.Status.SUBSCRIBED,
                confirmed_at=now,
                requested_at=now,
            )
            for subscriber in made
        ],
        batch_size=1000,
    )
    return emails
