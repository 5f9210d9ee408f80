"""What is wrong with a data folder: each fault named by its file and where in it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import ValidationError

from geo.core.records import faults


@dataclass(frozen=True)
class Problem:
    """One fault in a data folder: the file, where in it, and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        return f"{self.file}{where}: {self.message}"


class DataError(Exception):
    """A data folder that cannot be loaded, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def validation_problems(file: str, where: str, error: ValidationError) -> Iterator[Problem]:
    """One Problem per fault validation found, naming the field."""
    for field, message in faults(error):
        yield Problem(file, f"{where}, field {field}" if field else where, message)
