"""COMET (Unbabel's neural MT metric) through the `unbabel-comet` package, with a score cache.

torch and comet are imported only when a segment has to be scored or a hub model
resolved; a model that cannot be had raises `MetricUnavailable`, never exits.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import math
import warnings
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cache import ScoreCache
from ..errors import InputError, MetricUnavailable, UsageError
from ..textio import sha256_file
from .base import DEFAULT_BATCH_SIZE, ModelMetric, Score

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "Unbabel/wmt22-comet-da"
CHECKPOINT = Path("checkpoints") / "model.ckpt"
# Lightning's banners ("GPU available", tips) and COMET's "Encoder model frozen." go through these.
_CHATTY_LOGGERS = ("pytorch_lightning", "lightning_fabric", "lightning", "comet")


class COMET(ModelMetric):
    """COMET segment scores; the corpus score is their mean (COMET's system score).

    `model` is a Hugging Face hub name (fetched with `comet.download_model`) or a local
    model folder holding `checkpoints/model.ckpt`, or that `model.ckpt` file itself.
    """

    name = "comet"
    higher_is_better = True
    states_kind = True   # `kind:qe` in the signature of a model run without references

    def __init__(self, model: str | Path = DEFAULT_MODEL, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 gpus: int | None = None, cache: ScoreCache | str | None = "default", progress: bool = False,
                 target_lang: str | None = None, saving_directory: str | Path | None = None,
                 **ignored: Any):
        if gpus is not None and (isinstance(gpus, bool) or gpus not in (0, 1)):
            # More than one GPU makes COMET run DDP, which forks workers and exits them.
            raise UsageError(f"comet: gpus must be 0 or 1 (or unset for automatic), not {gpus!r}")
        # target_lang: COMET does not use it; accepted like every metric's
        super().__init__(batch_size=batch_size, gpus=gpus, cache=cache, progress=progress, target_lang=target_lang)
        self.model = str(model)
        self.saving_directory = str(saving_directory) if saving_directory is not None else None
        self._local = _local_checkpoint(self.model)
        self._checkpoint: Path | None = None
        self._hparams: dict[str, Any] | None = None
        self._signature: str | None = None
        self._comet_model = None
        self._unavailable: MetricUnavailable | None = None

    # -- what the model is ------------------------------------------------------------------

    @property
    def needs_reference(self) -> bool:  # type: ignore[override]
        """Whether the model scores against references (False for QE models such as CometKiwi)."""
        if self._comet_model is not None:
            return bool(self._comet_model.requires_references())
        try:
            self._resolve()
        except MetricUnavailable:
            # Scoring will raise; until then the name is the best evidence there is.
            return not any(tag in self.model.lower() for tag in ("kiwi", "-qe-", "qe-da"))
        return _needs_reference(self._hparams or {})

    @property
    def needs_source(self) -> bool:
        self._resolve()
        return _needs_source(self._hparams or {})

    @property
    def model_loaded(self) -> bool:
        """True once the checkpoint was loaded (never, when every segment came from the cache)."""
        return self._comet_model is not None

    def signature(self) -> str:
        """`comet|model:<name>|ckpt:<sha256[:12] of model.ckpt>|comet:<v>|torch:<v>|transformers:<v>`,
        and `|kind:qe` for a reference-free (quality estimation) model, which scores without references."""
        if self._signature is None:
            checkpoint = self._resolve()
            display = self.model if self._local is None else _model_folder(checkpoint).name
            parts = [f"model:{display.replace('|', '_')}", f"ckpt:{sha256_file(checkpoint)[:12]}",
                     f"comet:{_version('unbabel-comet')}", f"torch:{_version('torch')}",
                     f"transformers:{_version('transformers')}"]
            if self.states_kind and not _needs_reference(self._hparams or {}):
                parts.append("kind:qe")
            self._signature = "|".join([self.name, *parts])
        return self._signature

    # -- scoring ----------------------------------------------------------------------------

    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str] | None,
                     sources: Sequence[str] | None = None, *, unit: str = "segment") -> Score:
        scores, cached, gpus = self._score(hypotheses, references, sources)
        details = {"batch_size": self.batch_size, "gpus": gpus, "cached": cached}
        if not scores:
            return Score(self.name, None, self.signature(), unit, 0, details, "no segments to score")
        return Score(self.name, sum(scores) / len(scores), self.signature(), unit, len(scores), details)

    def _keys(self, hypotheses, references, sources) -> list[tuple[str, str | None, str | None]]:
        n = len(hypotheses)
        for label, texts in (("references", references), ("sources", sources)):
            if texts is not None and len(texts) != n:
                raise UsageError(f"comet: {n} hypotheses but {len(texts)} {label}")
        if not n:
            return []
        self._resolve()
        if references is None and self.needs_reference:
            raise UsageError(f"comet: model {self.model!r} needs references; "
                             "use a reference-free (QE) model such as Unbabel/wmt22-cometkiwi-da")
        if sources is None and self.needs_source:
            raise UsageError(f"comet: model {self.model!r} needs the source segments")
        uses_reference = references is not None and _uses_reference(self._hparams or {})
        uses_source = sources is not None and _needs_source(self._hparams or {})
        return [(str(hypotheses[i]), str(sources[i]) if uses_source else None,
                 str(references[i]) if uses_reference else None) for i in range(n)]

    def _predict(self, keys: list[tuple[str, str | None, str | None]], device: Any) -> list[float]:
        gpus = device
        model = self._load()
        samples = []
        for hypothesis, source, reference in keys:
            sample = {"mt": hypothesis}
            if source is not None:
                sample["src"] = source
            if reference is not None:
                sample["ref"] = reference
            samples.append(sample)
        try:
            with _quiet(not self.progress):
                prediction = model.predict(samples, batch_size=self.batch_size, gpus=gpus,
                                           progress_bar=self.progress)
        except RuntimeError as exc:  # e.g. CUDA out of memory: this machine cannot run it as asked
            raise MetricUnavailable(f"COMET model '{self.model}' failed while scoring (batch_size="
                                    f"{self.batch_size}, gpus={gpus}): {_first_line(exc)}") from None
        scores = [float(score) for score in prediction.scores]
        if len(scores) != len(samples):
            raise MetricUnavailable(f"COMET model '{self.model}' returned {len(scores)} scores "
                                    f"for {len(samples)} segments")
        bad = sum(not math.isfinite(score) for score in scores)
        if bad:
            logger.warning("COMET: %d segment score(s) are not finite", bad)
        return scores

    def _device(self) -> int:
        """The GPUs COMET runs on (0: the CPU)."""
        import torch

        available = torch.cuda.is_available()
        if self.gpus is None:
            return 1 if available else 0
        if self.gpus and not available:
            raise UsageError("comet: gpus=1 but torch sees no CUDA device; use gpus=0 for CPU")
        return self.gpus

    # -- getting the model ------------------------------------------------------------------

    def _resolve(self) -> Path:
        """The checkpoint file (downloading a hub model if needed) and its hparams."""
        if self._checkpoint is not None:
            return self._checkpoint
        if self._unavailable is not None:
            raise self._unavailable  # one failed download per instance is enough
        missing = _not_installed()
        if missing:
            self._unavailable = MetricUnavailable(missing)
            raise self._unavailable
        if self._local is not None:
            checkpoint = self._local
        elif (cached := _cached_checkpoint(self.model, self.saving_directory)) is not None:
            checkpoint = cached
        else:
            unreachable = _hub_unreachable()
            if unreachable:
                self._unavailable = MetricUnavailable(f"COMET model '{self.model}' could not be loaded: "
                                                      f"not in the local cache and {unreachable}")
                raise self._unavailable
            comet = _import_comet()
            try:
                with _quiet(not self.progress):
                    found = comet.download_model(self.model, saving_directory=self.saving_directory)
            except Exception as exc:  # noqa: BLE001 -- comet re-raises every failure as KeyError
                self._unavailable = MetricUnavailable(f"COMET model '{self.model}' could not be loaded: "
                                                      f"{_download_reason(exc)}")
                raise self._unavailable from None
            checkpoint = Path(found)
            if not checkpoint.is_file():
                raise MetricUnavailable(f"COMET model '{self.model}' could not be loaded: "
                                        f"the download has no {CHECKPOINT.as_posix()}")
        self._hparams = _read_hparams(checkpoint, self.model, local=self._local is not None)
        self._checkpoint = checkpoint
        return checkpoint

    def _load(self):
        if self._comet_model is not None:
            return self._comet_model
        checkpoint = self._resolve()
        comet = _import_comet()
        try:
            with _quiet(not self.progress):
                model = comet.load_from_checkpoint(str(checkpoint))
        except Exception as exc:  # noqa: BLE001 -- a bad file fails in torch.load, pickle, zipfile...
            raise MetricUnavailable(f"COMET model '{self.model}' could not be loaded from {checkpoint}: "
                                    f"{_first_line(exc)}") from None
        # Inference only: eval() turns dropout off, so the same input always gives the same score.
        model.eval()
        self._comet_model = model
        return model


def _local_checkpoint(model: str) -> Path | None:
    """The checkpoint file when `model` names a local path; None for a hub name."""
    path = Path(model).expanduser()
    if path.is_file():
        if path.suffix != ".ckpt":
            raise InputError(path, "not a COMET checkpoint (expected a model folder or its "
                                   f"{CHECKPOINT.as_posix()})")
        return path
    if path.is_dir():
        checkpoint = path / CHECKPOINT
        if not checkpoint.is_file():
            raise InputError(path, f"not a COMET model folder: no {CHECKPOINT.as_posix()} in it")
        return checkpoint
    looks_like_path = (model.startswith(("/", ".", "~")) or model.endswith(".ckpt") or "\\" in model
                       or model.count("/") > 1)
    if looks_like_path:
        raise InputError(path, "no such COMET model file or folder")
    return None


def _model_folder(checkpoint: Path) -> Path:
    # COMET's layout: <model>/checkpoints/model.ckpt with <model>/hparams.yaml. Not resolved:
    # in the Hugging Face cache model.ckpt is a link into blobs/, away from its hparams.yaml.
    return checkpoint.absolute().parents[1]


INSTALL_HINT = "pip install 'evalkit-mt[comet]'"


def _not_installed() -> str | None:
    """Why COMET cannot run here, found without importing torch (None when it can)."""
    for module, distribution in (("comet", "unbabel-comet"), ("torch", "torch")):
        if importlib.util.find_spec(module) is None:
            return f"COMET is not installed ({distribution} missing); add it with: {INSTALL_HINT}"
    return None


def _cached_checkpoint(model: str, saving_directory: str | None) -> Path | None:
    """The hub model's checkpoint when it is in the local Hugging Face cache, without a network call.

    Read from the cache's layout (refs/main names a snapshot) rather than through
    huggingface_hub's file_download module, whose import alone takes about a second.
    """
    from huggingface_hub import constants

    if model.count("/") != 1:
        return None
    repo = Path(saving_directory or constants.HF_HUB_CACHE) / ("models--" + model.replace("/", "--"))
    try:
        revision = (repo / "refs" / "main").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    checkpoint = repo / "snapshots" / revision / CHECKPOINT
    return checkpoint if revision and checkpoint.is_file() else None


def _hub_unreachable(timeout: float = 2.0) -> str | None:
    """Why the Hugging Face hub cannot be reached, in at most `timeout` seconds (None when it can).

    Asking the hub through comet costs the torch import and huggingface_hub's retries (about
    14 s offline); a bare TCP connection, name lookup included, answers at once.
    """
    import socket
    import threading
    from urllib.parse import urlsplit

    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        return "HF_HUB_OFFLINE is set"
    url = urlsplit(constants.ENDPOINT)
    host, port = url.hostname or "huggingface.co", url.port or (80 if url.scheme == "http" else 443)
    outcome: list[str | None] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            outcome.append(None)
        except OSError:
            outcome.append(f"the Hugging Face hub ({host}) cannot be reached (offline?)")

    thread = threading.Thread(target=probe, daemon=True)  # name lookups have no timeout of their own
    thread.start()
    thread.join(timeout)
    return outcome[0] if outcome else f"the Hugging Face hub ({host}) did not answer within {timeout:g} s"


def _read_hparams(checkpoint: Path, model: str, *, local: bool) -> dict[str, Any]:
    import yaml

    hparams_file = _model_folder(checkpoint) / "hparams.yaml"

    def fail(reason: str) -> Exception:
        # A broken folder the user pointed at is their input; a broken download is not.
        if local:
            return InputError(hparams_file, reason)
        return MetricUnavailable(f"COMET model '{model}' could not be loaded: {hparams_file}: {reason}")

    from ..yamlio import YAMLRefused, load_yaml

    try:
        hparams = load_yaml(hparams_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail("missing (COMET needs it next to the checkpoints/ folder)") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, YAMLRefused) as exc:
        raise fail(f"unreadable ({_first_line(exc)})") from None
    if not isinstance(hparams, dict) or "class_identifier" not in hparams:
        raise fail("no class_identifier in it")
    return hparams


def _needs_reference(hparams: dict[str, Any]) -> bool:
    # The rules of requires_references() in comet's model classes, read from hparams.yaml.
    kind = hparams.get("class_identifier")
    if kind == "referenceless_regression_metric":
        return False
    if kind in ("unified_metric", "xcomet_metric"):
        return list(hparams.get("input_segments", ["mt", "src", "ref"])) == ["mt", "ref"]
    return True


def _uses_reference(hparams: dict[str, Any]) -> bool:
    kind = hparams.get("class_identifier")
    if kind == "referenceless_regression_metric":
        return False
    if kind in ("unified_metric", "xcomet_metric"):
        return "ref" in hparams.get("input_segments", ["mt", "src", "ref"])
    return True


def _needs_source(hparams: dict[str, Any]) -> bool:
    if hparams.get("class_identifier") in ("unified_metric", "xcomet_metric"):
        return "src" in hparams.get("input_segments", ["mt", "src", "ref"])
    return True


def _import_comet():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import comet
    # comet's __init__ calls logging.basicConfig(level=INFO), which would make every INFO
    # record of the host application print; give the root logger back as it was.
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return comet


@contextlib.contextmanager
def _quiet(enabled: bool) -> Iterator[None]:
    """Silence Lightning's banners, tips and deprecation chatter while COMET runs."""
    if not enabled:
        yield
        return
    saved = {name: logging.getLogger(name).level for name in _CHATTY_LOGGERS}
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", FutureWarning)  # e.g. torch's LeafSpec, used by Lightning
            warnings.filterwarnings("ignore", message=r".*(num_workers|does not have many workers).*")
            yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def _download_reason(exc: BaseException) -> str:
    """A short reason from the chain comet's download_model hides behind `KeyError`."""
    chain = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    names = {type(error).__name__ for error in chain}
    if names & {"LocalEntryNotFoundError", "OfflineModeIsEnabled"}:
        return "not in the local cache and the Hugging Face hub cannot be reached (offline?)"
    if "GatedRepoError" in names:
        return "the model is gated on the Hugging Face hub: accept its licence and log in (hf auth login)"
    if "RepositoryNotFoundError" in names:
        return "no such model on the Hugging Face hub"
    if names & {"ConnectionError", "Timeout", "ConnectTimeout", "ReadTimeout", "URLError", "TimeoutError"}:
        return "the download failed: network unreachable"
    return _first_line(chain[-1])


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().strip("\"'").splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"
