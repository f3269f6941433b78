"""Allow ``python -m newslint`` (the same entry point as the console script)."""

from newslint.entry import run

if __name__ == "__main__":
    run()
