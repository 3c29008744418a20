"""What an import found and did: counts per kind and edition, and the reasons anything was skipped."""

from collections import Counter, defaultdict

OUTCOMES = ["created", "updated", "unchanged", "skipped", "failed"]


class Report:
    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.held = Counter()  # kind -> how many the file holds
        self.outcomes = defaultdict(Counter)  # (kind, edition) -> outcome -> count
        self.reasons = Counter()  # (kind, reason) -> count
        self.failures = []  # "post 12: message"
        self.notes = []

    def hold(self, kind, count=1):
        self.held[kind] += count

    def add(self, kind, edition, outcome, reason=None):
        self.outcomes[(kind, edition or "-")][outcome] += 1
        if reason:
            self.reasons[(kind, reason)] += 1

    def count(self, outcome, kind=None):
        return sum(counter[outcome] for (k, _), counter in self.outcomes.items() if kind is None or k == kind)

    def lines(self):
        heading = "Dry run: nothing was written. " if self.dry_run else ""
        yield f"{heading}The file holds:"
        for kind, count in sorted(self.held.items()):
            yield f"  {kind:<14} {count:>8}"
        verb = "would be" if self.dry_run else "was"
        yield f"What {verb} imported, per kind and edition:"
        yield f"  {'kind':<14} {'edition':<8} " + " ".join(f"{o:>9}" for o in OUTCOMES)
        for (kind, edition), counter in sorted(self.outcomes.items()):
            yield f"  {kind:<14} {edition:<8} " + " ".join(f"{counter[o]:>9}" for o in OUTCOMES)
        if self.reasons:
            yield "Reasons:"
            for (kind, reason), count in sorted(self.reasons.items()):
                yield f"  {kind:<14} {count:>8}  {reason}"
        for note in self.notes:
            yield f"Note: {note}"
        for failure in self.failures[:50]:
            yield f"Failed: {failure}"
        if len(self.failures) > 50:
            yield f"... and {len(self.failures) - 50} more failures"

    def __str__(self):
        return "\n".join(self.lines())
