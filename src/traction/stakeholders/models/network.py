"""The relationship network: surveys of declared relationships and the ratings in them."""

from __future__ import annotations
