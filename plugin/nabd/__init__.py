"""Nabd: a bilingual status page generator (an MkDocs plugin over a framework-free core)."""
