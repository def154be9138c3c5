import os

# Tests build real sites with mkdocs 1.x; silence its notice about MkDocs 2.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
