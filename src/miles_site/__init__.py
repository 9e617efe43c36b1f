"""MiLES site: builds the MiLES employer toolbox into an accessible, offline, printable site."""

__version__ = "0.1.0"
