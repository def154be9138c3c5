"""The framework-free core of Nabd: it imports nothing from MkDocs."""
