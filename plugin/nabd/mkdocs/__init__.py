"""The MkDocs adapter: configuration, plugin events and the glue to mkdocs-static-i18n."""
