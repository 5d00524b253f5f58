"""Builds a tiny, randomly initialised CLIP saved in sentence-transformers format, for offline tests."""
from __future__ import annotations

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
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, CLIPTokenizerFast

    torch.manual_seed(seed)
    out_dir = Path(out_dir)
    hf_dir = out_dir.parent / (out_dir.name + "-hf")

    bpe = Tokenizer(models.BPE(unk_token="<|endoftext|>", end_of_word_suffix="</w>"))
    bpe.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    bpe.pre_tokenizer = pre_tokenizers.Whitespace()
    bpe.train_from_iterator(
        _CORPUS,
        trainers.BpeTrainer(
            vocab_size=400, special_tokens=["<|startoftext|>", "<|endoftext|>"], end_of_word_suffix="</w>"
        ),
    )
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
