"""The chat app (Gradio): layout, handlers, cards, labels, the named API endpoint and how it is served."""
