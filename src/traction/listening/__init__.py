"""Confidential listening."""
