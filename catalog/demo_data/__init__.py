"""The committed Fashion-MNIST subsets the demo catalog and app examples are built from."""
