"""kompass-xlsx: the Kommunkompassen scoring engine that lives inside Excel."""

__all__ = ["__version__", "tool_version"]


def tool_version() -> str:
    """The installed package version (looked up on demand: importlib.metadata is slow to import)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kompass-xlsx")
    except PackageNotFoundError:  # a source checkout that is not installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return tool_version()
    raise AttributeError(name)
