"""The ``nabd`` command line: start a site (``init``), edit incident files (``new``,
``update``, ``resolve``), check them (``validate``) as a site build would, and sum up a pull
request's changes (``summary``)."""

from nabd.cli import edit, init, summary, validate  # noqa: F401  (each module registers its commands)
from nabd.cli.app import main

__all__ = ["main"]
