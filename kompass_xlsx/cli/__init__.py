"""The `kompass` command line (click): the group and its commands.

`kompass_xlsx.cli:cli` is the console script. The commands register on the group when their modules
are imported here.
"""

from . import result_commands, round_commands  # noqa: F401  (importing them registers their commands)
from .group import cli

__all__ = ["cli"]
