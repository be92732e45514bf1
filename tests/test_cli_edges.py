"""Edges of the command line an audit found: option values the range checks let
through, output and messages that cannot be written, names that would break
"one line per message", and usage errors reported as something else."""

import pytest

from cleaner.cli import cli

from conftest import ARTICLE

PROMO = f"Share on Facebook\n\n{ARTICLE}\nSubscribe to our newsletter\n"  # two lines shipped rules remove


def clean(runner, *args):
    return runner.invoke(cli, ["clean", "-q", "-j", "1", *map(str, args)], prog_name="cleaner")


def bad_value(option: str, why: str) -> str:
    return (
        "Usage: cleaner clean [OPTIONS] [INPUT]...\n"
        "Try 'cleaner clean --help' for help.\n\n"
        f"Error: Invalid value for '{option}': {why}\n"
    )


# -- option values: nan refused, inf a time limit of none, no size beyond reason ---


@pytest.mark.parametrize("option", ["--timeout", "--rule-timeout", "--max-size"])
@pytest.mark.parametrize("nan", ["nan", "NaN", "-nan"])
def test_nan_is_a_usage_error_naming_the_option(runner, article, option, nan):
    result = clean(runner, option, nan, article)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == bad_value(option, f"{nan!r} is not a number.")


@pytest.mark.parametrize("size, shown", [("inf", "inf"), ("1e30", "1e+30"), ("1025", "1025.0")])
def test_a_size_limit_past_reason_is_a_usage_error(runner, article, size, shown):
    result = clean(runner, "--max-size", size, article)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == bad_value("--max-size", f"{shown} is not in the range 0<x<=1024.")


def test_the_largest_size_limit_is_honoured(runner, article):
    result = clean(runner, "--max-size", "1024", article)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ARTICLE, "")


@pytest.mark.parametrize("seconds", ["inf", "1e10", "1e300", "0"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_timeout_of_inf_or_past_any_timer_is_no_limit(runner, article, seconds, jobs):
    result = clean(runner, "--timeout", seconds, "-j", jobs, article)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ARTICLE, "")


@pytest.mark.parametrize("seconds", ["inf", "1e300", "1e15"])
def test_a_rule_timeout_of_inf_is_no_limit_and_every_rule_runs(runner, tmp_path, seconds):
    page = tmp_path / "promo.txt"
    page.write_text(PROMO)
    result = clean(runner, "--rule-timeout", seconds, page)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ARTICLE, "")


def test_the_limits_say_what_no_limit_is_and_how_far_they_go(runner):
    help = " ".join(runner.invoke(cli, ["clean", "--help"]).stdout.split())
    assert "failed (0 or inf: no limit). [default: 60.0; x>=0]" in help
    assert "message. [default: 8.0; 0<x<=1024]" in help
    assert "skipped there (inf: no limit). [default: 1.0; x>=0.01]" in help
