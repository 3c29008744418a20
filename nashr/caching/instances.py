"""Model instances made from a prepared query's rows as Django's `Model.from_db` makes them, without the
constructors of Wagtail's page classes, which do nothing for a row read from the database.

`ClusterableModel.__init__` (modelcluster, under every Wagtail page) walks all of the model's fields on
every instance, looking for child relations given as keyword arguments; `from_db` passes a row's values
positionally, so there are none. Wagtail's page constructors set the content type and `show_in_menus` of a
page being created, one without an id. An article or a home page rendered from nothing makes 30 to 50
pages.

Only constructors known to be idle for a row are passed over (`_idle_for_rows`); a model with any other
`__init__` in its classes, or its own `from_db`, is made by its `from_db`. So is a row without an id.

Nor is Django's `Model.__init__` run where it would only copy the row: with no receiver of `pre_init` or
`post_init` for the model (an image's dimensions, say), the values go straight into the instance's
`__dict__`, as `setattr` puts them there for a field's plain attribute or a foreign key's id, and through
`setattr` for a field whose class attribute has a setter of its own (a file, a StreamField). An article page
is made in about 5 microseconds that way, 20 by `from_db`. A query's run asks `maker` once for a function
that makes its rows' instances: the fields' places and the signals' receivers are looked up once for all.
`tests/test_instances.py` compares both ways for every page type.

The rows a query reads through `select_related` (a site's root page, a post's lead image and edition) are
made the same way by `related_populators`, Django's populators with that one change.
"""

import inspect
from functools import partial

from django.db.models import DEFERRED, Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import RelatedPopulator
from django.db.models.signals import post_init, pre_init

_plain = {}  # model -> (the concrete fields' attribute names, those with a setter), or None


def from_db(model, db, field_names, values):
    """What `model.from_db(db, field_names, values)` returns."""
    return maker(model, db, field_names)(values)


def maker(model, db, field_names):
    """A function making what `model.from_db(db, field_names, values)` returns of each row's `values`.

    Made once per run of a query: whether anything receives the model's `pre_init` or `post_init` is
    read here, once for all its rows (a receiver may be connected between two runs)."""
    plain = _plain.get(model, False)
    if plain is False:
        plain = _plain[model] = _layout(model) if made_plainly(model) else None
    if plain is None or pre_init.has_listeners(model) or post_init.has_listeners(model):
        return partial(_made_by_django, model, db, field_names)
    names, with_setter = plain
    # The row's place of each field, None for a field not read (deferred), as Django's `from_db` sees it.
    places = None
    if len(field_names) != len(names):
        read = iter(range(len(field_names)))
        places = [next(read) if name in field_names else None for name in names]
    pairs = list(zip(names, range(len(names)) if places is None else places, strict=True))
    pairs = [(name, place, name in with_setter) for name, place in pairs if place is not None]

    def make(values):
        new = model.__new__(model)
        new._state = ModelState()
        attributes = new.__dict__
        for name, place, setter in pairs:
            if setter:
                setattr(new, name, values[place])
            else:
                attributes[name] = values[place]
        if new.pk is None:  # a page being created gets its content type from Wagtail's constructor
            return model.from_db(db, field_names, values)
        new._state.adding = False
        new._state.db = db
        return new

    return make


def _made_by_django(model, db, field_names, values):
    """`model.from_db`, or for a model made plainly with receivers of its signals, Django's constructor run
    on the row (no Wagtail constructor, as `maker` would have)."""
    if _plain.get(model) is None:
        return model.from_db(db, field_names, values)
    names, _ = _plain[model]
    if len(values) != len(names):
        row = iter(values)
        values = [next(row) if name in field_names else DEFERRED for name in names]
    new = model.__new__(model)
    Model.__init__(new, *values)
    if new.pk is None:
        return model.from_db(db, field_names, values)
    new._state.adding = False
    new._state.db = db
    return new


def _layout(model):
    names = [field.attname for field in model._meta.concrete_fields]
    setters = frozenset(name for name in names if _has_setter(inspect.getattr_static(model, name, None)))
    return names, setters


def _has_setter(attribute):
    # A foreign key's id forgets the related object it has cached when it changes: an instance just made
    # has none, so its setter only stores the value.
    return hasattr(attribute, "__set__") and type(attribute) is not ForeignKeyDeferredAttribute


def made_plainly(model):
    """Whether every constructor among the model's classes is Django's or one idle for a row."""
    if getattr(model.from_db, "__func__", None) is not Model.from_db.__func__:
        return False
    idle = _idle_for_rows()
    return all(klass.__dict__.get("__init__", Model.__init__) in idle for klass in model.__mro__[:-1])


def _idle_for_rows():
    from modelcluster.models import ClusterableModel
    from wagtail.models.pages import AbstractPage, ShowInMenusMixin

    return {Model.__init__, ClusterableModel.__init__, AbstractPage.__init__, ShowInMenusMixin.__init__}


def related_populators(klass_info, select, db):
    """Django's `get_related_populators`, its instances made by `from_db` here."""
    return [_Populator(info, select, db) for info in klass_info.get("related_klass_infos", [])]


class _Populator(RelatedPopulator):
    def __init__(self, klass_info, select, db):
        super().__init__(klass_info, select, db)
        self.related_populators = related_populators(klass_info, select, db)

    def populate(self, row, from_obj):
        self.for_run()(row, from_obj)

    def for_run(self):
        """Django's `populate(row, from_obj)`, its instances made by a `maker` found once for the run."""
        make = maker(self.model_cls, self.db, self.init_list)
        related = [populator.for_run() for populator in self.related_populators]
        reorder, start, end, pk_idx = self.reorder_for_init, self.cols_start, self.cols_end, self.pk_idx
        local_setter, remote_setter = self.local_setter, self.remote_setter

        def populate(row, from_obj):
            obj_data = reorder(row) if reorder else row[start:end]
            if obj_data[pk_idx] is None:
                obj = None
            else:
                obj = make(obj_data)
                for populate_related in related:
                    populate_related(row, obj)
            local_setter(from_obj, obj)
            if obj is not None:
                remote_setter(obj, from_obj)

        return populate
