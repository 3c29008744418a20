"""A sender for the digest's unattended send in tests: records what it was given (NASHR_ISSUE_SENDER)."""

SENT = []


def record(page):
    SENT.append((page.pk, page.live))
