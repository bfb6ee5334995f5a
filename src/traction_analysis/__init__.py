"""Traction's analysis engine: read minutes and papers, extract what a meeting did, compute signals.

Pure Python. Nothing in this package imports Django (a test guards this), so the web app, the
command line and importers all share one engine.
"""
