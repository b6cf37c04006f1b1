# Fixture written for tests/test_build_gazetteer.py.
# ruff: noqa: F821  (PublisherGroup and Publisher are fundus's names; the file is parsed, never run)
class UK(metaclass=PublisherGroup):
    default_language = "en"

    Delta = Publisher(name="Northern Evening Courier", domain="https://example.org/", parser=None)
    Euronews = Publisher(name="Euronews (EN)", domain="https://example.org/", parser=None)
