"""The commands of the command line (`cleaner/cli.py` groups them): click is used
here and in cli.py only. `common` holds what they share (exit statuses, printing,
the rule book and its options); `clean` reads `cleaner clean`'s options and checks
them, `run` runs the batch; `explain` and `rules` are the other commands."""
