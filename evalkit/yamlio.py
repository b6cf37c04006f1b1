"""Bounded YAML reading for every YAML file evalkit reads (corpus.yaml, a COMET model's hparams.yaml).

Safe loader only; aliases and anchors refused (a few hundred bytes of aliases expand to
gigabytes), nesting limited, duplicate keys refused with both lines, control characters
reported on one line. libyaml's parser is used where PyYAML has it.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 50


class YAMLRefused(ValueError):
    """The text is not YAML evalkit accepts; `line` is 1-based when known."""

    def __init__(self, line: int | None, message: str):
        self.line, self.message = line, message
        super().__init__(f"line {line}: {message}" if line else message)


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _loader(base: type) -> type:
    import yaml

    class Strict(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict:
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)   # `<<` merge keys first, as the safe loader does
            seen: dict[Any, int | None] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(None, None, "a mapping key that is not text "
                                                            "or a number", key_node.start_mark) from None
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (first at line {first})", key_node.start_mark)
                seen[key] = _line(key_node.start_mark)
            return super().construct_mapping(node, deep)

    return Strict


def _check_events(text: str, base: type) -> None:
    """Walk the parser's events (no tree is built): refuse anchors, aliases and deep nesting."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=base):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YAMLRefused(_line(event.start_mark), "YAML anchors and aliases (&name, *name) are not "
                                                       "allowed; write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YAMLRefused(_line(event.start_mark), f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _message(exc: Exception, text: str) -> YAMLRefused:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        return YAMLRefused(line, f"control character U+{code:04X} is not allowed in YAML")
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    return YAMLRefused(_line(mark), problem)


def load_yaml(text: str) -> Any:
    """Parse `text` with the safe loader; raises YAMLRefused (one line, with the line number)."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    for base in ([fast] if fast is not None else []) + [yaml.SafeLoader]:
        # libyaml first (a 10,000-document manifest: 0.5 s instead of 2 s); on an error the
        # Python parser runs again, for its messages
        try:
            _check_events(text, base)
            return yaml.load(text, Loader=_loader(base))
        except yaml.YAMLError as exc:
            error = exc
    raise _message(error, text) from None
