"""Performance measurements of evalkit (not timed tests): `python -m benchmarks.run`, `make bench`."""
