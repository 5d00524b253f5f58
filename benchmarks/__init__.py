"""Benchmarks: relevance with ground truth, tagging quality, speed as ratios to the encoder, and scale."""
