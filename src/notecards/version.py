"""The version, in one place: read by the package metadata (pyproject.toml), the CLI and the build cache."""

__version__ = "0.1.0"
