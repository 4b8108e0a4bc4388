"""The README's command-line reference is the parser's: a new option or a changed help cannot leave it stale."""

from __future__ import annotations

from scripts.cli_reference import README, main, readme_block, reference


def test_the_readme_reference_is_written_from_the_parser():
    assert readme_block(README.read_text(encoding="utf-8")) == reference(), (
        "README.md's command-line reference differs from kg's parser: run `python scripts/cli_reference.py --write`"
    )
    assert main(["--check"]) == 0


def test_every_command_and_option_is_in_the_reference():
    from kg.cli import build_parser

    text = reference()
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        assert f"kg {name} " in text or f"kg {name}\n" in text
        for action in sub._actions:
            if action.option_strings and "--help" not in action.option_strings:
                assert any(f"{option} " in text or f"{option}]" in text for option in action.option_strings), (
                    f"kg {name} {action.dest}"
                )
