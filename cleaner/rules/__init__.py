"""Stage 4: per-source and platform rules, kept as TOML data in the top-level rules/.

A RuleBook holds every rule file in effect (rulebook.py; rulefile.py reads
one file into a RuleSet of Rules, rule.py). For one document,
RuleBook.select() picks the source file that fits (by URL host, by
fingerprints found in the text, or by name) plus every platform file, and
apply() (engine.py) runs their rules over the document's lines: `protect`
rules first, then whole lines and blocks, cuts, and fragments of lines.

Speed: rules are not tried line by line. Each `protect` and `fragment`
pattern is searched once over the whole document, and all whole-line
patterns together in one alternation (plan.py); only the lines these scans
hit are then looked at rule by rule (scan.py). Every regex call carries a
timeout; a rule that times out is skipped for the rest of the document and
named in Outcome.notes (guard.py). `cleaner rules check` is verify.py.

The names below are this package's face (`rules.apply`, `rules.RuleBook`...),
each loaded from its module on first use (PEP 562), so that a command that
never checks rule files does not load the checker.
"""

from ..lazyload import lazy_names

_LAZY = {
    "apply": "engine",
    "Outcome": "engine",
    "worth_keeping": "engine",
    "RuleBook": "rulebook",
    "Selection": "rulebook",
    "ENV_VAR": "rulebook",
    "default_rulebook": "rulebook",
    "load_rulebook": "rulebook",
    "rule_files": "rulebook",
    "shipped_rules_dir": "rulebook",
    "user_rule_dirs": "rulebook",
    "load_file": "rulefile",
    "parse": "rulefile",
    "KINDS": "rule",
    "METADATA_GROUPS": "pattern",
    "Block": "rule",
    "Rule": "rule",
    "RuleSet": "rule",
    "describe": "rule",
    "FLAGS": "pattern",
    "Pattern": "pattern",
    "compile_pattern": "pattern",
    "scoped": "pattern",
    "Plan": "plan",
    "Stage": "plan",
    "DEFAULT_TIMEOUT": "guard",
    "normalise_date": "capture",
    "CheckFailure": "verify",
    "check": "verify",
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = sorted(_LAZY)
