"""Commissioning pages: parse input, call one service or selector, render. One module per area."""
