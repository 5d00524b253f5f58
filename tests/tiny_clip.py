"""Builds a tiny, randomly initialised CLIP saved in sentence-transformers format, for offline tests."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

# Words a shopper types; the tokenizer is trained on them so text of both languages tokenises sensibly.
_CORPUS = [
    "a photo of a {c} {k}".format(c=c, k=k)
    for c in ("black", "white", "grey", "red", "pink", "orange", "yellow", "green", "blue", "navy",
              "purple", "brown", "beige")
    for k in ("t-shirt", "trousers", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag",
              "ankle boot")
] + ["红色 连衣裙 蓝色 裤子 黑色 运动鞋 白色 衬衫 便宜 包 靴子 外套 毛衣 凉鞋 T恤"] * 5


def build_tiny_clip(out_dir: Path, seed: int = 0) -> Path:
    """Writes the model to `out_dir` and returns it; loadable with `SentenceTransformer(str(out_dir))`."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules import Transformer
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, CLIPTokenizerFast

    torch.manual_seed(seed)
    out_dir = Path(out_dir)
    hf_dir = out_dir.parent / (out_dir.name + "-hf")

    vocab, merges = _bpe(_CORPUS, ["<|startoftext|>", "<|endoftext|>"], vocab_size=400)
    bpe = Tokenizer(models.BPE(vocab=vocab, merges=merges, unk_token="<|endoftext|>", end_of_word_suffix="</w>"))
    bpe.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    bpe.pre_tokenizer = pre_tokenizers.Whitespace()
    bos, eos = bpe.token_to_id("<|startoftext|>"), bpe.token_to_id("<|endoftext|>")
    bpe.post_processor = processors.TemplateProcessing(
        single="<|startoftext|> $A <|endoftext|>",
        special_tokens=[("<|startoftext|>", bos), ("<|endoftext|>", eos)],
    )
    bpe.decoder = decoders.BPEDecoder(suffix="</w>")
    tokenizer = CLIPTokenizerFast(
        tokenizer_object=bpe, bos_token="<|startoftext|>", eos_token="<|endoftext|>",
        unk_token="<|endoftext|>", pad_token="<|endoftext|>", model_max_length=32,
    )
    config = CLIPConfig(
        text_config=dict(
            vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
            num_attention_heads=2, max_position_embeddings=32,
            bos_token_id=bos, eos_token_id=eos, pad_token_id=eos,
        ),
        vision_config=dict(
            hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
            image_size=32, patch_size=8,
        ),
        projection_dim=16,
    )
    CLIPModel(config).save_pretrained(hf_dir)
    image_processor = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    CLIPProcessor(image_processor=image_processor, tokenizer=tokenizer).save_pretrained(hf_dir)
    SentenceTransformer(modules=[Transformer(str(hf_dir))], device="cpu").save(str(out_dir))
    return out_dir


def _bpe(corpus: list[str], specials: list[str], vocab_size: int) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """BPE vocabulary and merges learnt from `corpus`, the same on every build.

    The `tokenizers` trainer numbers tokens in hash-map order, which changes from process to process: every test
    run got a different token-to-embedding assignment, so a different random text model, and text-ranking tests
    passed or failed by the run. Here ties go to the smaller pair and tokens are numbered in a fixed order.
    """
    # Normalised and split as the tokenizer's NFC + Lowercase normaliser and Whitespace pre-tokenizer do.
    words = Counter(word for line in corpus
                    for word in re.findall(r"\w+|[^\w\s]+", unicodedata.normalize("NFC", line).lower()))
    spelled = {word: [*word[:-1], word[-1] + "</w>"] for word in words}
    # The alphabet as the trainer has it: every character, and every word-final one with the suffix.
    alphabet = {char for word in words for char in word} | {symbols[-1] for symbols in spelled.values()}
    vocab = [*specials, *sorted(alphabet)]
    merges: list[tuple[str, str]] = []
    while len(vocab) < vocab_size:
        pairs: Counter[tuple[str, str]] = Counter()
        for word, symbols in spelled.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += words[word]
        if not pairs:
            break
        best = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append(best)
        if best[0] + best[1] not in vocab:
            vocab.append(best[0] + best[1])
        for symbols in spelled.values():
            at = 0
            while at < len(symbols) - 1:
                if (symbols[at], symbols[at + 1]) == best:
                    symbols[at:at + 2] = [best[0] + best[1]]
                at += 1
    return {token: number for number, token in enumerate(vocab)}, merges
