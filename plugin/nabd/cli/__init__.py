"""The ``nabd`` command line: start a site (``init``), edit incident files (``new``,
``update``, ``resolve``), check them (``validate``) as a site build would, sum up a pull
request's changes (``summary``) and announce a deploy's new updates in chat (``notify``)."""

from nabd.cli import edit, init, notify, summary, validate  # noqa: F401  (each module registers its commands)
from nabd.cli.app import main

__all__ = ["main"]
