"""Errors a user can fix: each prints as one line naming the file, the key, the value and what is allowed."""


class ScenarioError(ValueError):
    """A scenario file or an override is missing, unreadable, malformed or invalid."""


class ScenarioWarning(UserWarning):
    """A valid but questionable setting: a value outside its typical range, a key that has no
    effect. ``cxsim.run`` and ``cxsim.compare`` issue one per setting (``Scenario.warnings``)."""


class CorruptFileError(ValueError):
    """A results file whose bytes are not those cxsim wrote (its CRC-32 seal does not match)."""
