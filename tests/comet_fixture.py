"""Build a tiny, randomly initialised COMET checkpoint for tests, without network.

The layout matches a downloaded COMET model (`hparams.yaml` + `checkpoints/model.ckpt`),
so it goes through the real `comet.load_from_checkpoint`; the encoder is a 2-layer XLM-R.
"""

from __future__ import annotations

from pathlib import Path

SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
SEED = 1234


def _build_tokenizer(texts: list[str]):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import XLMRobertaTokenizerFast

    tokenizer = Tokenizer(models.Unigram())
    tokenizer.normalizer = normalizers.NFKC()
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    tokenizer.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=300, special_tokens=SPECIAL_TOKENS, unk_token="<unk>",
                                      show_progress=False)
    tokenizer.train_from_iterator(texts, trainer=trainer)
    bos, eos = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    # XLM-R frames one segment as "<s> A </s>" and a pair as "<s> A </s></s> B </s>".
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)])
    return XLMRobertaTokenizerFast(tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>",
                                   sep_token="</s>", cls_token="<s>", unk_token="<unk>", pad_token="<pad>",
                                   mask_token="<mask>", model_max_length=512)


def build_tiny_comet(directory: Path, texts: list[str], *, referenceless: bool = False) -> Path:
    """Write a tiny COMET model folder under `directory`; return the path of its `model.ckpt`.

    `<directory>/pretrained/` holds the XLM-R config and tokenizer the checkpoint's
    `pretrained_model` hparam points at (an absolute local path, so nothing is fetched).
    """
    import torch
    from comet.models import ReferencelessRegression, RegressionMetric

    directory = Path(directory)
    pretrained = _save_tiny_encoder(directory, texts)

    model_class = ReferencelessRegression if referenceless else RegressionMetric
    torch.manual_seed(SEED)
    model = model_class(pretrained_model=str(pretrained), load_pretrained_weights=False,
                        local_files_only=True, hidden_sizes=[16], layer_transformation="softmax",
                        final_activation=None)
    return _save_checkpoint(directory, model)


def _lightning_version() -> str:
    import pytorch_lightning

    return pytorch_lightning.__version__


def build_tiny_xcomet(directory: Path, texts: list[str], *, input_segments: list[str] | None = None) -> Path:
    """Write a tiny, randomly initialised xCOMET model folder (comet.models.XCOMETMetric on the same tiny
    XLM-R as `build_tiny_comet`); return the path of its `model.ckpt`. Its error spans are random but,
    for given texts, always the same (seeded weights, eval mode). `input_segments` ["mt", "src"] makes
    a CometKiwi-style reference-free model (a word-level UnifiedMetric without reference)."""
    import torch
    from comet.models import UnifiedMetric, XCOMETMetric

    directory = Path(directory)
    pretrained = _save_tiny_encoder(directory, texts)
    torch.manual_seed(SEED)
    common = dict(pretrained_model=str(pretrained), encoder_model="XLM-RoBERTa", load_pretrained_weights=False,
                  local_files_only=True, hidden_sizes=[16], layer_transformation="softmax", word_layer=2)
    if input_segments is None:
        model = XCOMETMetric(**common)
    else:
        model = UnifiedMetric(**common, input_segments=input_segments, word_level_training=True,
                              error_labels=["minor", "major", "critical"])
    return _save_checkpoint(directory, model)


def _save_tiny_encoder(directory: Path, texts: list[str]) -> Path:
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel

    pretrained = directory / "pretrained"
    pretrained.mkdir(parents=True, exist_ok=True)
    tokenizer = _build_tokenizer(texts)
    tokenizer.save_pretrained(pretrained)
    config = XLMRobertaConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                              num_attention_heads=2, intermediate_size=64, max_position_embeddings=514,
                              pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
                              eos_token_id=tokenizer.eos_token_id, type_vocab_size=1)
    torch.manual_seed(SEED)
    XLMRobertaModel(config, add_pooling_layer=False).save_pretrained(pretrained)
    return pretrained


def _save_checkpoint(directory: Path, model) -> Path:
    import torch
    import yaml

    hparams = dict(model.hparams)
    hparams.pop("load_pretrained_weights", None)   # loading sets it (as for a real checkpoint)
    checkpoints = directory / "checkpoints"
    checkpoints.mkdir(exist_ok=True)
    ckpt = checkpoints / "model.ckpt"
    torch.save({"state_dict": model.state_dict(), "hyper_parameters": hparams,
                "pytorch-lightning_version": _lightning_version()}, ckpt)
    with open(directory / "hparams.yaml", "w", encoding="utf-8") as handle:
        yaml.safe_dump(hparams, handle)
    return ckpt
