"""Run a docs page's own examples from a test, so that what a test checks is what the page shows."""

import doctest


def blocks(text: str) -> list:
    """The page's ```python blocks, in order."""
    return [b.split("```", 1)[0] for b in text.split("```python")[1:]]


def run(text: str, names: dict, *, stop=None, skip_errors: bool = True) -> dict:
    """Execute the examples of `text` (a block or a page) in `names`; return `names`.

    `stop` is a name: execution ends once it is defined.  Examples that the page
    shows raising an exception are skipped when `skip_errors` is true.
    """
    for example in doctest.DocTestParser().get_examples(text):
        if example.exc_msg is not None and skip_errors:
            continue
        mode = "single" if example.want and not example.source.startswith(("def ", "for ")) else "exec"
        exec(compile(example.source, "<page>", mode), names)  # noqa: S102 (the repository's own docs)
        if stop is not None and stop in names:
            break
    return names
