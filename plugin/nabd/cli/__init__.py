"""The ``nabd`` command line: edit incident files (``new``, ``update``, ``resolve``) and check
them (``validate``) as a site build would."""

from nabd.cli import edit, validate  # noqa: F401  (each module registers its commands)
from nabd.cli.app import main

__all__ = ["main"]
