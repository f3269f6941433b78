"""Allow ``python -m newslint`` (the same entry point as the console script)."""

from newslint.entry import main

if __name__ == "__main__":
    main()
