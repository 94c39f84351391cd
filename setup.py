"""Compiles the gettext catalogues (.po -> .mo) into every build; the rest is in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGUES = Path("domain") / "locales"


class build_py_with_catalogues(build_py):
    """build_py, then each domain/locales/<lang>/LC_MESSAGES/*.po compiled next to its copy."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_file in sorted(CATALOGUES.glob("*/LC_MESSAGES/*.po")):
            language = po_file.parent.parent.name
            with po_file.open("rb") as handle:
                catalogue = read_po(handle, locale=language)
            target = Path(self.build_lib) / po_file.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                write_mo(handle, catalogue)


setup(cmdclass={"build_py": build_py_with_catalogues})
