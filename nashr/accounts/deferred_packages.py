"""Packages whose `__init__` runs only when something it defines is asked for.

The passkey library (`webauthn`, used by django-otp-webauthn) imports all of itself from its package
`__init__`s: registration, authentication, every attestation format, and with them `cryptography`,
pyOpenSSL and pyasn1, about 15 MB in every web worker. Readers never make or use a passkey; the models and
checks of django-otp-webauthn, loaded in every process, need only its data classes and one parser.

`defer_package_init("webauthn", "webauthn.helpers")` (in settings, before the apps load) makes such a
package a namespace whose submodules import as usual (`webauthn.helpers.structs` runs only its own file),
and whose other names are found on first use:
- a name that is also a submodule defining that name (`webauthn.helpers.parse_cbor`, the package's own
  convention: `from .parse_cbor import parse_cbor`) is that submodule's object, as the real `__init__`
  would bind it, whether asked for or imported by another submodule first; a submodule without it
  (`exceptions`) is the submodule;
- anything else (`webauthn.verify_registration_response`, `__all__`) runs the real `__init__` first.
A passkey ceremony therefore loads the whole library, on the staff's first one in the process.
`accounts/tests/test_deferred_packages.py` checks, in fresh processes, that each name comes out as the
real `__init__` makes it and that a ceremony loads the whole library; `core/tests/test_worker_modules.py`
that a web worker loads none of its heavy parts.
"""

import importlib
import importlib.abc
import importlib.machinery
import sys
import threading
import types

_INIT_LOCK = threading.RLock()  # a real __init__ runs once, whichever thread asks first


def defer_package_init(*names):
    """Defer the `__init__` of the packages `names` in this process (idempotent)."""
    finder = next((f for f in sys.meta_path if isinstance(f, _DeferredInitFinder)), None)
    if finder is None:
        finder = _DeferredInitFinder()
        sys.meta_path.insert(0, finder)
    finder.names.update(names)


class _DeferredInitFinder(importlib.abc.MetaPathFinder):
    def __init__(self):
        self.names = set()

    def find_spec(self, name, path, target=None):
        if name not in self.names:
            return None
        real = importlib.machinery.PathFinder.find_spec(name, path)
        if real is None or real.submodule_search_locations is None:
            return real  # not installed, or not a package: imported as it is
        spec = importlib.machinery.ModuleSpec(
            name, _DeferredInitLoader(real), origin=real.origin, is_package=True
        )
        spec.submodule_search_locations = real.submodule_search_locations
        spec.has_location = real.has_location
        spec.cached = real.cached
        return spec


class _DeferredInitLoader(importlib.abc.Loader):
    def __init__(self, real):
        self.real = real

    def create_module(self, spec):
        return None  # the default module

    def exec_module(self, module):
        module.__class__ = _DeferredPackage
        module._real_init = self.real


class _DeferredPackage(types.ModuleType):
    """A package whose real `__init__` has not run yet."""

    def __getattr__(self, name):
        if not name.startswith("_"):
            submodule_name = f"{self.__name__}.{name}"
            try:
                importlib.import_module(submodule_name)  # binds the name (__setattr__ below)
            except ModuleNotFoundError as error:
                if error.name != submodule_name:
                    raise  # the submodule is there but lacks something it imports
            else:
                return vars(self)[name]
        self._run_real_init()
        return getattr(self, name)

    def __setattr__(self, name, value):
        # The import system binds each submodule imported to its package's name for it; a submodule that
        # defines its own name (`parse_cbor` in `parse_cbor.py`) the real __init__ binds to that object.
        if isinstance(value, types.ModuleType) and value.__name__ == f"{self.__name__}.{name}":
            value = vars(value).get(name, value)
        super().__setattr__(name, value)

    def _run_real_init(self):
        with _INIT_LOCK:
            real = vars(self).get("_real_init")
            if real is None:
                return  # another thread ran it meanwhile
            exec(real.loader.get_code(real.name), vars(self))
            del self._real_init
            self.__class__ = types.ModuleType  # from here on a plain module: a missing name is AttributeError
