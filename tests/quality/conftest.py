"""The checkers of this folder run over the ``example_site`` fixture (tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

from ..integration.sitebuild import REPO

NODE_MODULES = Path(os.environ.get("NABD_NODE_MODULES", REPO / "tools" / "node_modules"))
"""Where ``npm ci --prefix tools`` installs the checkers that run on Node or Java."""
