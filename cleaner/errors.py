"""The library's own errors. Only cli.py turns them into exit statuses."""


class CleanerError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(CleanerError):
    """An input could not be read, decoded or parsed."""

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.path = path
        self.reason = message

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason

    def __reduce__(self):  # pickled whole (a worker process hands it back), path included
        return (type(self), (self.reason, self.path))


class RuleFileError(CleanerError):
    """A rule file is invalid: bad TOML, unknown key, bad regex, duplicate id."""

    def __init__(self, path: str, message: str, rule_id: str | None = None):
        self.path = path
        self.rule_id = rule_id
        self.reason = message
        where = f"{path} [{rule_id}]" if rule_id else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # pickled with its own arguments, not with the message it made of them
        return (type(self), (self.path, self.reason, self.rule_id))


class RuleTimeout(CleanerError):
    """A rule's pattern ran longer than its time limit on a document."""

    def __init__(self, rule_id: str, seconds: float):
        self.rule_id = rule_id
        self.seconds = seconds
        super().__init__(f"rule {rule_id} timed out after {seconds:g}s (catastrophic backtracking?)")

    def __reduce__(self):  # pickled with its own arguments, not with the message it made of them
        return (type(self), (self.rule_id, self.seconds))


class OutputError(CleanerError):
    """An output could not be written (unwritable folder, colliding paths...)."""


class OutputPlanError(OutputError):
    """The outputs asked for cannot be planned (two inputs to one file, an output over
    its input): nothing was written, and the command line must change."""
