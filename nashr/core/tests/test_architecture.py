"""The layers of docs/architecture.md: every app has its place, and the contract `make lint` checks
(pyproject.toml's [tool.importlinter]) fails on an upward import or a cycle between apps."""

import copy
from pathlib import Path

import grimp
from django.test import SimpleTestCase
from importlinter import api  # noqa: F401  (configures import-linter, as its command line does)
from importlinter.application.use_cases import read_user_options
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[3]
# The project's modules that are not apps but have a layer too (the composition root).
ROOT_MODULES = {"urls", "reader_urls", "wsgi", "templating"}


def apps():
    return {path.name for path in (ROOT / "nashr").iterdir() if (path / "__init__.py").exists()}


class LayersTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        options = read_user_options(str(ROOT / "pyproject.toml"))
        [contract_options] = options.contracts_options
        cls.contract = LayersContract(
            name=contract_options["name"],
            session_options=options.session_options,
            contract_options=contract_options,
        )
        cls.layers = contract_options["layers"]
        cls.graph = grimp.build_graph("nashr", cache_dir=None)

    def check(self, *extra_imports):
        graph = copy.deepcopy(self.graph)
        for importer, imported in extra_imports:
            graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
        return self.contract.check(graph, verbose=False)

    def test_every_app_has_a_layer_and_a_line_on_the_architecture_page(self):
        placed = {name.strip().removeprefix("nashr.") for line in self.layers for name in line.split("|")}
        self.assertEqual(placed, apps() | ROOT_MODULES)
        page = (ROOT / "docs" / "architecture.md").read_text()
        for app in sorted(apps() | ROOT_MODULES):
            self.assertIn(f"`{app}`", page)

    def test_the_apps_keep_the_contract(self):
        self.assertTrue(self.check().kept)

    def test_an_upward_import_breaks_it(self):
        # The worker (foundation) asking the mirrors (a channel) directly, as it once did.
        self.assertFalse(self.check(("nashr.worker.schedule", "nashr.mirrors.health")).kept)
        # An import inside a function counts too: mirrors/tasks.py reads resync.py only when a resync runs.
        deferred = self.graph.find_modules_directly_imported_by("nashr.mirrors.tasks")
        self.assertIn("nashr.mirrors.resync", deferred)

    def test_a_cycle_between_apps_of_one_line_breaks_it(self):
        self.assertFalse(self.check(("nashr.mirrors.push", "nashr.offline.bundle")).kept)
        self.assertFalse(self.check(("nashr.comments.tasks", "nashr.contact.models")).kept)

    def test_tests_are_outside_the_layers(self):
        self.assertTrue(self.check(("nashr.worker.tests.test_quiet", "nashr.demo.loader")).kept)
