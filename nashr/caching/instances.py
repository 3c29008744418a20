"""Model instances made from a prepared query's rows as Django's `Model.from_db` makes them, without the
constructors of Wagtail's page classes, which do nothing for a row read from the database.

`ClusterableModel.__init__` (modelcluster, under every Wagtail page) walks all of the model's fields on
every instance, looking for child relations given as keyword arguments; `from_db` passes a row's values
positionally, so there are none. Wagtail's page constructors set the content type and `show_in_menus` of a
page being created, one without an id. An article page is made in 28 microseconds by `from_db`, 16 here (a
base `Page` 16 and 9); an article or a home page rendered from nothing makes 30 to 50 pages.

Only constructors known to be idle for a row are passed over (`_idle_for_rows`); a model with any other
`__init__` in its classes, or its own `from_db`, is made by its `from_db`. So is a row without an id.
`tests/test_instances.py` compares both ways for every page type.
"""

from django.db.models import DEFERRED, Model

_plain = {}


def from_db(model, db, field_names, values):
    """What `model.from_db(db, field_names, values)` returns."""
    plain = _plain.get(model)
    if plain is None:
        plain = _plain[model] = made_plainly(model)
    if not plain:
        return model.from_db(db, field_names, values)
    fields = model._meta.concrete_fields
    if len(values) != len(fields):
        row = iter(values)
        values = [next(row) if f.attname in field_names else DEFERRED for f in fields]
    new = model.__new__(model)
    Model.__init__(new, *values)
    if new.pk is None:  # a page being created gets its content type from Wagtail's constructor
        return model.from_db(db, field_names, values)
    new._state.adding = False
    new._state.db = db
    return new


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
