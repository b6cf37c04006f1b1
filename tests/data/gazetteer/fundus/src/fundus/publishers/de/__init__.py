# Fixture written for tests/test_build_gazetteer.py: a publisher group as fundus declares one.
# ruff: noqa: F821  (PublisherGroup and Publisher are fundus's names; the file is parsed, never run)
class DE(metaclass=PublisherGroup):
    default_language = "de"

    Alpha = Publisher(name="Rheinischer Kurier (RK)", domain="https://example.org/", parser=None)
    Beta = Publisher(name="Stern", domain="https://example.org/", parser=None)
    Gamma = Publisher(name="Euronews (DE)", domain="https://example.org/", parser=None)
