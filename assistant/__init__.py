"""likethis assistant: turn understanding, session state, retrieval and ranking over the catalog core."""
