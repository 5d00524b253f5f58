"""likethis catalog core: records, encoders, the vector index, ingestion and the demo catalog."""
