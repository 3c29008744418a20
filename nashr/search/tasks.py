"""Background work of the search: rebuilding the index after the normalizer's rules change."""

import io

from django.core.management import call_command
from django_tasks import task


@task()
def rebuild_index():
    """`manage.py update_index`: every indexed value normalized again with the current rules.

    Enqueued by the migrations that change what the index stores (`search/0003`), so that an installation
    upgraded with `migrate` and a running worker rebuilds its index by itself; `manage.py update_index`
    does the same by hand.
    """
    call_command("update_index", stdout=io.StringIO())
