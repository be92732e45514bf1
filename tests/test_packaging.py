"""Every third-party package that cleaner/ imports is a declared requirement in
pyproject.toml: directly, not only as a dependency of a dependency (which may drop it).
Optional extras (datatrove) may be imported only inside cleaner/engines/."""

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cleaner"
# extras that are not integrations: what the tests and the benchmarks need
NOT_ENGINES = {"test", "bench"}
# import name -> distribution name, where they differ
DISTRIBUTION = {
    "charset_normalizer": "charset-normalizer",
    "magic": "python-magic",
    "cchardet": "faust-cchardet",
    "yaml": "pyyaml",
}


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: list[str]) -> set[str]:
    return {normalised(re.match(r"[A-Za-z0-9._-]+", req).group()) for req in requirements}


def declared() -> tuple[set[str], set[str]]:
    """The distributions of the core dependencies, and those of the engines' extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    engines = set().union(
        *(requirement_names(reqs) for name, reqs in extras.items() if name not in NOT_ENGINES)
    )
    return requirement_names(project["dependencies"]), engines


def third_party_imports(source: str) -> set[str]:
    """The top-level names of the absolute imports in `source` that are neither the
    standard library nor cleaner itself."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "cleaner"}


def undeclared(source: str, allowed: set[str]) -> set[str]:
    return {n for n in third_party_imports(source) if normalised(DISTRIBUTION.get(n, n)) not in allowed}


def test_every_imported_package_is_declared():
    core, engines = declared()
    missing = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        allowed = core | engines if "engines" in path.relative_to(PACKAGE).parts else core
        if found := undeclared(path.read_text(encoding="utf-8"), allowed):
            missing[str(path.relative_to(ROOT))] = sorted(found)
    assert missing == {}


def test_an_undeclared_import_is_caught():
    core, engines = declared()
    source = "import os\nimport foo.bar\nfrom lxml import etree\nfrom . import model\nimport datatrove\n"
    assert undeclared(source, core) == {"foo", "datatrove"}  # an extra, outside cleaner/engines/
    assert undeclared(source, core | engines) == {"foo"}


def test_the_checker_sees_the_imports_it_must():
    # every import form, at any depth (inside functions, under TYPE_CHECKING)
    source = "def f():\n    from htmldate import find_date\nif TYPE_CHECKING:\n    import numpy as np\n"
    assert third_party_imports(source) == {"htmldate", "numpy"}
