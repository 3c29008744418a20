"""A web worker does not load what only other processes use: boto3 and botocore (bucket mirrors, Amazon
SES's webhook), zxcvbn's word lists (setting a staff password), mrml (mail), segno (an authenticator app's
QR code). Together they took some 30 MB in every worker. Nor the passkey library's ceremonies with
cryptography, pyOpenSSL and pyasn1 (about 15 MB: accounts/deferred_packages.py, core/secrets.py), nor its
CBOR parser's compiled module (0.8 MB), nor jdatetime (Farsi dates only)."""

import json

from django.test import SimpleTestCase

from nashr.core.tests.fresh_process import last_line

HEAVY = [
    *["boto3", "botocore", "storages.backends.s3", "zxcvbn", "anymail.urls", "mrml", "segno"],
    *["cryptography", "OpenSSL", "pyasn1", "webauthn.registration", "cbor2._cbor2", "jdatetime"],
]

# What a worker loads before and while it routes a request: the WSGI application (settings, apps, middleware),
# the URL conf, every app's wagtail_hooks, and the reversed addresses of every namespace.
LOAD = (
    "import json, sys; from nashr.wsgi import application; from django.urls import reverse, get_resolver;"
    "from wagtail import hooks; hooks.search_for_hooks(); get_resolver().reverse_dict; reverse('search');"
    "print(json.dumps(sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)))"
)


class WorkerModulesTests(SimpleTestCase):
    def test_a_worker_loads_no_bucket_client_and_no_password_word_lists(self):
        self.assertEqual(json.loads(last_line(LOAD, json.dumps(HEAVY))), [])
