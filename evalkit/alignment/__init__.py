"""Sentence alignment: `aligner` links a document's source and target sentences, `rows` joins
the source-MT and source-reference links into the rows that are scored, `evaluate` scores the
aligner against gold alignments (docs/alignment.md)."""
