"""Many `jupyter nbconvert` calls in one Python process, for `npm start` (scripts/run-notebooks.ts).

Each line read from standard input is the argument list of one call (after `nbconvert`), as JSON;
it is run by nbconvert's own application class, NbConvertApp, exactly as the command runs it,
and answered with one JSON line: {"status": 0} or {"status": N, "error": "..."}. Python and
nbconvert then start once per worker instead of twice per notebook (about 1.5 s of CPU each).
Everything nbconvert prints goes to standard error; standard output carries only the answers.
"""
import json
import sys
import traceback

from nbconvert.nbconvertapp import NbConvertApp


def convert(argv):
    """Runs one nbconvert call; its exit status and, when it failed, why."""
    try:
        app = NbConvertApp()
        app.initialize(argv)
        app.start()
        return {"status": 0}
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        return {"status": code} if code == 0 else {"status": code, "error": f"nbconvert exited with {e.code}"}
    except Exception:  # the command would print the traceback and exit 1
        return {"status": 1, "error": traceback.format_exc()}


def main():
    answers = sys.stdout
    sys.stdout = sys.stderr
    for line in sys.stdin:
        if line.strip():
            answers.write(json.dumps(convert(json.loads(line))) + "\n")
            answers.flush()


if __name__ == "__main__":
    main()
