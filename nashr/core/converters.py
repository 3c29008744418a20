"""Path converters for ids that readers' requests carry."""

from django.urls import register_converter


class RowIdConverter:
    """A database row id: digits, at most 18 of them, so any value fits a 64-bit column.

    `<int:...>` accepts any length, and a number beyond 64 bits then fails in the database driver (a 500 on
    SQLite) instead of finding nothing; with this converter the address simply does not match (404).
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(RowIdConverter, "id")
