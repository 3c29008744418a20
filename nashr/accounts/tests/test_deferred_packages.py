"""The passkey library's `__init__`s run only for a ceremony (accounts/deferred_packages.py), in fresh
processes, since a module once imported stays imported."""

import json
import subprocess
import sys
import textwrap

from django.conf import settings
from django.test import SimpleTestCase

HEAVY = ["cryptography", "OpenSSL", "pyasn1", "pyasn1_modules", "webauthn.registration"]


def run_python(code):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise AssertionError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


class CeremonyTests(SimpleTestCase):
    """That a worker loads none of it: core/tests/test_worker_modules.py."""

    def test_a_ceremony_loads_the_whole_library(self):
        loaded = run_python(
            f"""
            import json, os, sys
            os.environ["DJANGO_SETTINGS_MODULE"] = "nashr.settings.test"
            import django
            django.setup()
            from django.utils.module_loading import import_string
            from django.conf import settings
            helper = import_string(settings.OTP_WEBAUTHN_HELPER_CLASS)
            import webauthn
            print(json.dumps([helper.__name__, webauthn.verify_registration_response.__name__,
                              [name for name in {HEAVY!r} if name in sys.modules]]))
            """
        )
        self.assertEqual(loaded, ["SiteWebAuthnHelper", "verify_registration_response", HEAVY])


class DeferredNamesTests(SimpleTestCase):
    def test_each_name_is_what_the_real_init_binds(self):
        result = run_python(
            """
            import json
            from nashr.accounts.deferred_packages import defer_package_init
            defer_package_init("webauthn", "webauthn.helpers")
            import webauthn.helpers as helpers
            # Found one by one through the submodules, before the real __init__ has run...
            source = open(helpers.__spec__.origin).read()
            names = [line.split(" import ")[1] for line in source.splitlines() if line.startswith("from .")]
            deferred = {name: getattr(helpers, name) for name in names}
            deferred["exceptions"] = helpers.exceptions
            ran_before = "__all__" in vars(helpers)
            # ...then the real one runs (a name only it defines), and binds each name again.
            everything = helpers.__all__
            different = [name for name, value in deferred.items() if getattr(helpers, name) is not value]
            missing = [name for name in everything if name not in deferred]
            import webauthn
            try:
                webauthn.no_such_name
                absent = "found"
            except AttributeError:
                absent = "AttributeError"
            print(json.dumps([len(deferred), ran_before, different, missing, absent,
                              callable(webauthn.generate_registration_options)]))
            """
        )
        count, ran_before, different, missing, absent, root_names = result
        self.assertGreater(count, 20)
        self.assertFalse(ran_before)
        self.assertEqual(different, [])
        self.assertEqual(missing, [])
        self.assertEqual(absent, "AttributeError")
        self.assertTrue(root_names)

    def test_a_name_no_submodule_defines_runs_the_real_init_and_a_missing_package_stays_missing(self):
        result = run_python(
            """
            import json, sys
            from nashr.accounts.deferred_packages import defer_package_init
            defer_package_init("no_such_package_here", "email")
            try:
                import no_such_package_here
                outcome = "imported"
            except ModuleNotFoundError:
                outcome = "ModuleNotFoundError"
            import email.errors
            before = "message_from_string" in vars(sys.modules["email"])
            message = email.message_from_string("Subject: rain\\n\\nbody")
            print(json.dumps([outcome, before, message["Subject"], email.errors.__name__]))
            """
        )
        self.assertEqual(result, ["ModuleNotFoundError", False, "rain", "email.errors"])

    def test_the_cbor_parser_loads_its_compiled_module_on_first_use(self):
        result = run_python(
            """
            import json, sys
            from nashr.accounts.deferred_packages import defer_package_init
            defer_package_init("webauthn", "webauthn.helpers", "cbor2")
            from webauthn.helpers import encode_cbor, parse_cbor
            before = "cbor2._cbor2" in sys.modules
            data = encode_cbor({1: b"key", "alg": -7})
            parsed = parse_cbor(data)
            import cbor2, cbor2._cbor2
            after = "cbor2._cbor2" in sys.modules
            print(json.dumps([before, after, data.hex(), parsed[1].decode(), parsed["alg"],
                              cbor2.CBORTag is cbor2._cbor2.CBORTag, type(cbor2).__name__]))
            """
        )
        self.assertEqual(result, [False, True, "a201436b657963616c6726", "key", -7, True, "module"])

    def test_threads_asking_together_all_get_the_name(self):
        result = run_python(
            """
            import json, threading
            from nashr.accounts.deferred_packages import defer_package_init
            defer_package_init("webauthn", "webauthn.helpers")
            import webauthn
            start, got, errors = threading.Barrier(8), [], []
            def ask():
                start.wait()
                try:
                    got.append(webauthn.verify_authentication_response.__name__)
                except Exception as error:
                    errors.append(repr(error))
            threads = [threading.Thread(target=ask) for _ in range(8)]
            [t.start() for t in threads]
            [t.join() for t in threads]
            print(json.dumps([sorted(set(got)), len(got), errors]))
            """
        )
        self.assertEqual(result, [["verify_authentication_response"], 8, []])
