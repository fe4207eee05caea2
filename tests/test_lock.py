"""Pinned, lean installs: uv.lock pins what pyproject.toml asks for, and every declared dependency is used."""
from __future__ import annotations

import ast
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
LOCK = tomllib.loads((ROOT / "uv.lock").read_text("utf-8"))
HINT = "run `make lock` and commit uv.lock"


def declared() -> list[tuple[Requirement, str | None]]:
    """Every requirement of pyproject.toml, with the extra it belongs to (None: always installed)."""
    found = [(Requirement(text), None) for text in PROJECT["dependencies"]]
    for extra, texts in PROJECT.get("optional-dependencies", {}).items():
        found += [(Requirement(text), extra) for text in texts]
    return found


def test_the_lock_pins_every_dependency_of_pyproject_as_pyproject_states_it():
    (project,) = [package for package in LOCK["package"] if package["name"] == PROJECT["name"]]
    locked = {(canonicalize_name(entry["name"]), entry.get("specifier", ""), entry.get("marker", ""))
              for entry in project["metadata"]["requires-dist"]}
    wanted = {(canonicalize_name(req.name), str(req.specifier), f"extra == '{extra}'" if extra else "")
              for req, extra in declared()}
    assert wanted == locked, f"uv.lock was made from another pyproject.toml: {HINT}"
    pinned = {canonicalize_name(package["name"]) for package in LOCK["package"] if "version" in package}
    missing = {name for name, _, _ in wanted} - pinned
    assert not missing, f"no pinned version of {sorted(missing)} in uv.lock: {HINT}"


def test_trafilatura_is_pinned_to_one_version_since_its_internals_are_used():
    (trafilatura,) = [req for req, extra in declared() if req.name == "trafilatura"]
    assert str(trafilatura.specifier).startswith("==")


def imported_modules(paths) -> set[str]:
    """The top-level modules the files import (pytest.importorskip("name") counts too)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
            elif (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "importorskip"
                  and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value.split(".")[0])
    return found


def test_every_dependency_is_imported_by_the_code():
    """A declared dependency nobody imports is dead weight (test-only ones: imported by the tests)."""
    modules_of: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            modules_of.setdefault(canonicalize_name(distribution), set()).add(module)
    code = imported_modules([*(ROOT / "pipeline").rglob("*.py"), *(ROOT / "schemas").rglob("*.py")])
    tests = imported_modules((ROOT / "tests").rglob("*.py"))
    unused = []
    for req, extra in declared():
        name = canonicalize_name(req.name)
        modules = modules_of.get(name, {name.replace("-", "_")})  # an extra not installed here: its own name
        if not modules & (code | tests if extra == "test" else code):
            unused.append(req.name)
    assert not unused, f"declared but never imported: {unused}"
