"""The ``nabd`` command group and what its commands share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from nabd.mkdocs.settings import SiteSettings


DISTRIBUTION = "mkdocs-nabd"
"""The name Nabd is installed under (``pip install mkdocs-nabd``)."""

CONFIG_OPTION = click.option(
    "-f",
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The site's MkDocs configuration, with the nabd plugin's options.",
)


def read_settings(config_file: Path) -> SiteSettings:
    """The site's settings; MkDocs and the plugin load slowly, so only commands that need them
    import them."""
    from nabd.mkdocs.settings import SettingsError, site_settings

    try:
        return site_settings(config_file)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


@click.group()
@click.version_option(package_name=DISTRIBUTION)
def main() -> None:
    """Nabd: a status page built from incident files, in your languages."""
