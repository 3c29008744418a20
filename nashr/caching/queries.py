"""Queries built and compiled once per process and database, then run with each call's values.

Django spends far longer building a queryset and compiling it to SQL than the database spends running it.
"You may also like" on an article took 1.3 ms to build (filters, EXISTS, joins), 1.0 ms to compile and
0.18 ms to run (SQLite, 2,000 articles). A page rendered from nothing makes about 25 such queries.

`PreparedQuery(build)` calls `build(**values)` once per database and shape, with stand-in values, compiles
the queryset, and finds where each stand-in landed among the SQL's parameters. Every later call runs that
SQL with the call's values in their places, and turns the rows into what the queryset would have given:
tuples for `values_list()`, instances (with their `select_related` rows) otherwise, through Django's own
converters and row populators.

On SQLite the SQL is run straight on the driver's connection, in the driver's parameter style, with the
checks Django's cursor makes (thread, broken transaction, errors wrapped as Django's): 55 against 95 us for
a one-row query. Django's cursor is still used whenever queries are logged or wrapped, so tests and tools
that count queries see every one.

What is kept is SQL text, the same for every page and every reader, like a compiled template: no row is
kept, so nothing it returns can be stale. The tests compare every prepared query with its queryset.

Values (keyword arguments) are either:
- placed: an int, a str, a datetime or a UUID, or a list of them for an `__in` lookup (padded to a power
  of two by repeating its last item; that length is part of the shape). Each must reach the SQL as a
  parameter: as it is, in the database's form (a datetime adapted for SQLite, a UUID as hex), or as the
  pattern of `startswith` or `contains`. Anything else is refused when the query is prepared;
- shapes: `shape={...}` of hashable values (a slice's size, a `Q` of the private pages) that are built
  into the SQL: each different shape is prepared on its own.
"""

import itertools
import threading
import uuid
from collections import OrderedDict
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
)
from django.utils import timezone

from .instances import maker, related_populators
from .store import take_read

SHAPES_KEPT = 64  # compiled shapes per query (a new private page or list length adds one)
# Beyond any key or count of this site, within a 32-bit column's range: PostgreSQL's integer lookups
# answer "no row" for a value their column cannot hold, and then there would be no SQL to keep.
_STAND_IN_INT = 2_047_000_000


class PreparedQuery:
    def __init__(self, build):
        self.build = build
        self._compiled = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, using=DEFAULT_DB_ALIAS, shape=None, **values):
        """The rows (values_list: tuples, or values with flat=True) or instances of `build(**values)`."""
        call = self.ahead(using, shape, **values)
        found = take_read(call)  # read ahead with others (caching/together.py)
        if found is not None:
            return found
        return call.compiled.run(call.values)

    def ahead(self, using=DEFAULT_DB_ALIAS, shape=None, **values):
        """This query's call with these values, compiled but not run: for `together.read_together`, which
        runs several at once, or for `__call__`."""
        shape = tuple(sorted((shape or {}).items()))
        values = {name: _padded(v) if isinstance(v, (list, tuple)) else v for name, v in values.items()}
        lengths = tuple((name, len(v)) for name, v in sorted(values.items()) if isinstance(v, list))
        key = (using, shape, lengths)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = _Compiled(self.build, using, dict(shape), values)
            with self._lock:
                self._compiled[key] = compiled
                while len(self._compiled) > SHAPES_KEPT:
                    self._compiled.popitem(last=False)
        return Call(self, compiled, values, key)


class Call:
    """One call of a prepared query: its compiled SQL and the call's values; `name` tells it from every
    other call (another query, shape or value) while reads are kept for it."""

    __slots__ = ("query", "compiled", "values", "key")

    def __init__(self, query, compiled, values, key):
        self.query, self.compiled, self.values, self.key = query, compiled, values, key

    @property
    def name(self):
        values = sorted(self.values.items())
        return (
            self.query,
            self.key,
            tuple((name, tuple(v) if isinstance(v, list) else v) for name, v in values),
        )


def _padded(items):
    """A list for `__in`, its last item repeated up to the next power of two (the same rows): a listing of
    13 or of 16 posts runs the same SQL, so a query has a handful of shapes, not one per length."""
    items = list(items)
    if not items:
        return items
    return items + items[-1:] * ((1 << (len(items) - 1).bit_length()) - len(items))


class _Compiled:
    def __init__(self, build, using, shape, values):
        connection = connections[using]
        stand_ins = _stand_ins(values)
        queryset = build(**stand_ins, **shape).using(using)
        _refuse_unsupported(queryset)
        compiler = queryset.query.get_compiler(using=using)
        self.using, self.compiler, self.kind = using, compiler, queryset._iterable_class
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:  # `pk__in` an empty list: this shape never has a row
            if not any(isinstance(v, list) and not v for v in values.values()):
                raise ValueError("a prepared query gave no SQL: a value out of its column's range?") from None
            self.sql, self.params, self.places = None, [], []
            return
        self.params = list(params)
        self.places = _places(self.params, stand_ins, connection)
        # SQLite's driver takes "?" where Django writes "%s": converted here once, not on every run.
        self.qmark_sql = _qmark(self.sql) if connection.vendor == "sqlite" else None
        self.server_prepared = server_prepares(connection)
        self.fields = [s[0] for s in compiler.select[: compiler.col_count]]
        self.converters = compiler.get_converters(self.fields)
        if self.kind is ModelIterable:
            info = compiler.klass_info
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            self.model, self.model_slice = info["model"], slice(start, end)
            self.init_list = [s[0].target.attname for s in compiler.select[start:end]]
            self.populators = related_populators(info, compiler.select, using)
            self.annotations = tuple(compiler.annotation_col_map.items())

    def run(self, values):
        params = self.params_of(values)
        if self.sql is None:
            return []
        return self.result(self.fetch(connections[self.using], params))

    def params_of(self, values):
        """The SQL's parameters with the call's values in their places, each checked and in its form."""
        params = list(self.params)
        connection = connections[self.using]
        for index, name, item, form, kind in self.places:
            value = values[name] if item is None else values[name][item]
            if _kind(value) is not kind:  # e.g. None, or a UUID given as text: it would match nothing
                raise TypeError(f"prepared query value {name}={value!r}: prepared for {kind.__name__} values")
            params[index] = form(value, connection)
        return params

    def result(self, rows):
        """What the queryset gives of the database's `rows`."""
        if self.compiler.has_extra_select:  # columns only the ordering needed
            rows = [row[: self.compiler.col_count] for row in rows]
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        if self.kind is ValuesListIterable:
            return [tuple(row) for row in rows]
        if self.kind is FlatValuesListIterable:
            return [row[0] for row in rows]
        return self._instances(rows)

    def fetch(self, connection, params):
        """The rows, through Django's cursor; on SQLite straight from the driver, with the checks Django's
        cursor makes, unless queries are being logged or wrapped (tests counting them, DEBUG, benches); on
        PostgreSQL through a cursor that binds on the server, so the statement is prepared there."""
        if self.server_prepared:
            return _fetch_prepared(connection, self.sql, params)
        if self.qmark_sql is None or connection.queries_logged or connection.execute_wrappers:
            with connection.cursor() as cursor:
                cursor.execute(self.sql, params)
                return cursor.fetchall()
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        connection.validate_thread_sharing()
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            return connection.connection.execute(self.qmark_sql, params).fetchall()

    def _instances(self, rows):
        make = maker(self.model, self.using, self.init_list)
        populators = [populator.for_run() for populator in self.populators]
        model_slice, annotations = self.model_slice, self.annotations
        made = []
        for row in rows:
            obj = make(row[model_slice])
            for populate in populators:
                populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            made.append(obj)
        return made


def server_prepares(connection):
    """Whether PostgreSQL prepares this connection's prepared queries (settings: `prepare_threshold` in the
    database's OPTIONS, set unless NASHR_DB_PREPARED_STATEMENTS=0, for a pooler that cannot keep them)."""
    options = connection.settings_dict["OPTIONS"]
    return connection.vendor == "postgresql" and options.get("prepare_threshold") is not None


def _fetch_prepared(connection, sql, params):
    """Django's cursor (its checks, query log and wrappers) around psycopg's server-binding cursor: the
    statement is parsed and planned once per connection, then each run sends only its values. Django's own
    cursors bind on the client and are never prepared, whatever the connection's threshold."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
    cursor = _LoggedPrepared(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    with cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def fetch_pipelined(connection, statements):
    """The rows of each (sql, params) of `statements`, sent to PostgreSQL in one round trip (psycopg's
    pipeline mode), each through a server-binding cursor as `_fetch_prepared` runs one, inside Django's
    cursor wrapper so that its checks, query log and wrappers see every statement."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    cursors = []
    try:
        with connection.wrap_database_errors, connection.connection.pipeline():
            for sql, params in statements:
                raw = ServerBindingCursor(connection.connection)
                logged = connection.queries_logged
                cursors.append(_LoggedPrepared(raw, connection) if logged else connection.make_cursor(raw))
                cursors[-1].execute(sql, params)
        with connection.wrap_database_errors:
            return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()


class _LoggedPrepared(CursorDebugWrapper):
    """Logs the statement with its values, as Django's log shows its other queries (psycopg keeps no text
    of a prepared statement's run to read back)."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
            return CursorWrapper.execute(self, sql, params)


def _qmark(sql):
    """The SQL as Django's SQLite cursor converts it for the driver."""
    from django.db.backends.sqlite3.base import SQLiteCursorWrapper

    return SQLiteCursorWrapper.convert_query(None, sql)


def _refuse_unsupported(queryset):
    """What the rows are turned into here is what Django's iterables do for plain querysets; anything more
    (prefetching, objects known from a related manager, values_list() columns reordered around
    annotations, .specific()) is refused rather than given differently."""
    query = queryset.query
    kind = queryset._iterable_class
    if kind not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
        raise TypeError("a prepared query is a plain, values_list() or flat values_list() queryset")
    if queryset._prefetch_related_lookups or queryset._known_related_objects:
        raise TypeError("a prepared query cannot prefetch or come from a related manager")
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    if kind is not ModelIterable and list(queryset._fields or names) != names:
        raise TypeError("a prepared values_list() names its columns in the order the SQL selects them")


def _stand_ins(values):
    """{name: stand-in} (a list of them for a list): a value of the same type no real one will equal."""
    counter = itertools.count(1)
    result = {}
    for name, value in values.items():
        if isinstance(value, (list, tuple)):
            result[name] = [_stand_in(name, item, next(counter)) for item in value]
        else:
            result[name] = _stand_in(name, value, next(counter))
    return result


_KINDS = (int, str, datetime, uuid.UUID)


def _kind(value):
    """The type a value is placed as: int (not bool), str, datetime or UUID; None for any other."""
    kind = type(value)
    if kind in _KINDS:  # most values: no subclass (a safe string, a bool) to look through
        return kind
    if kind is bool:
        return None
    return next((kind for kind in _KINDS if isinstance(value, kind)), None)


def _stand_in(name, value, n):
    kind = _kind(value)
    if kind is None and (isinstance(value, bool) or value is None):
        raise TypeError(f"prepared query value {name}={value!r}: give it in shape=, it is built into the SQL")
    if kind is int:
        return _STAND_IN_INT + n
    if kind is str:
        return f"nashrstandin{n}x"
    if kind is uuid.UUID:
        return uuid.UUID(int=(0x7E57 << 112) + n)
    if kind is datetime:
        stand_in = datetime(2999, 1, 1, 0, 0, 0, n, tzinfo=UTC)
        return stand_in if timezone.is_aware(value) else timezone.make_naive(stand_in, UTC)
    raise TypeError(
        f"prepared query value {name}={value!r}: an int, str, datetime or UUID (or a list of them)"
    )


def _places(params, stand_ins, connection):
    """[(parameter index, value name, list index or None, form, type)]: where each stand-in went, how the
    call's value must be put in the same form, and the type it must have. Refuses a stand-in that reached
    the SQL in no known form."""
    wanted = []
    for name, stand_in in stand_ins.items():
        if isinstance(stand_in, list):
            wanted += [(name, i, item) for i, item in enumerate(stand_in)]
        else:
            wanted.append((name, None, stand_in))
    places, placed = [], set()
    for index, param in enumerate(params):
        for name, item, stand_in in wanted:
            form = _form_of(stand_in, param, connection)
            if form is not None:
                places.append((index, name, item, form, _kind(stand_in)))
                placed.add((name, item))
                break
    for name, item, _ in wanted:
        if (name, item) not in placed:
            raise ValueError(f"prepared query value {name!r} is not a parameter of its SQL: put it in shape=")
    return places


def _form_of(stand_in, param, connection):
    """The form in which `stand_in` became `param`, or None. A parameter may be the database driver's own
    subclass of the value's type (psycopg's Int4 for an integer column): the call's value is wrapped the
    same way."""
    for form in _FORMS:
        formed = form(stand_in, connection)
        if isinstance(param, type(formed)) and param == formed:
            wrapper = type(param)
            if wrapper is type(formed):
                return form
            return lambda value, connection, form=form: wrapper(form(value, connection))
    return None


def _as_is(value, connection):
    return value


def _adapted(value, connection):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, uuid.UUID):
        return value.hex if not connection.features.has_native_uuid_field else value
    return value


def _starts(value, connection):
    return f"{connection.ops.prep_for_like_query(value)}%" if isinstance(value, str) else value


def _contains(value, connection):
    return f"%{connection.ops.prep_for_like_query(value)}%" if isinstance(value, str) else value


_FORMS = (_as_is, _adapted, _starts, _contains)
