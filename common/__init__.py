"""Helpers shared by every app. No models; imports no app of the project (checked by tests/test_layers.py)."""
