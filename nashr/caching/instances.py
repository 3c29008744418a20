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
is made in about 5 microseconds that way, 20 by `from_db`.
`tests/test_instances.py` compares both ways for every page type.

The rows a query reads through `select_related` (a site's root page, a post's lead image and edition) are
made the same way by `related_populators`, Django's populators with that one change.
"""

import inspect

from django.db.models import DEFERRED, Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import RelatedPopulator
from django.db.models.signals import post_init, pre_init

_plain = {}  # model -> (the concrete fields' attribute names, those with a setter), or None


def from_db(model, db, field_names, values):
    """What `model.from_db(db, field_names, values)` returns."""
    plain = _plain.get(model, False)
    if plain is False:
        plain = _plain[model] = _layout(model) if made_plainly(model) else None
    if plain is None:
        return model.from_db(db, field_names, values)
    names, with_setter = plain
    if len(values) != len(names):
        row = iter(values)
        values = [next(row) if name in field_names else DEFERRED for name in names]
    new = model.__new__(model)
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        Model.__init__(new, *values)
    else:
        new._state = ModelState()
        attributes = new.__dict__
        for name, value in zip(names, values, strict=True):
            if value is DEFERRED:
                continue
            if name in with_setter:
                setattr(new, name, value)
            else:
                attributes[name] = value
    if new.pk is None:  # a page being created gets its content type from Wagtail's constructor
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

    def populate(self, row, from_obj):  # Django's, but for the instance's making
        reorder = self.reorder_for_init
        obj_data = reorder(row) if reorder else row[self.cols_start : self.cols_end]
        if obj_data[self.pk_idx] is None:
            obj = None
        else:
            obj = from_db(self.model_cls, self.db, self.init_list, obj_data)
            for populator in self.related_populators:
                populator.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)
