"""Problem trees, shared pictures and agreement rounds."""
