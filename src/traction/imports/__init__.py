"""ModernGov import."""
