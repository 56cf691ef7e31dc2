"""Reading and writing Gambit's extensive-game files (``.efg``).

An ``.efg`` file starts with a prologue::

    EFG 2 R "title" { "Player 1" "Player 2" } ["comment"]

and lists the nodes of the tree in prefix order (a node, then the subtrees
of its children, first to last), one entry per node::

    p "node name" player infoset ["infoset name" { "action" ... }] outcome ["outcome name" { payoffs }]
    c "node name" event ["event name" { "action" probability ... }] outcome ["outcome name" { payoffs }]
    t "node name" outcome ["outcome name" { payoffs }]

Players are numbered from 1 in the order of the prologue; information sets
are numbered within each player, chance events among themselves; outcome 0
is the null outcome (no payoffs, and it takes no description).  The first
time an information set, event or outcome appears it must be described; it
may be described again later, identically, or referred to by its number
alone.  Outcomes may sit at non-terminal nodes: a play's payoff is the sum
of the outcomes along it, and the reader adds them up into the terminal
nodes' payoffs.  Payoffs may be separated by commas.  Numbers are integers,
decimals or rationals (``3/4``) and are read exactly, so every game read is
an exact game.

What the reader keeps: the title, players, node names (as node labels),
information sets (a shared set becomes ``infoset=`` its name, or
``"player:number"`` when unnamed; a singleton keeps its name if it has one),
action names (empty or repeated names at one set become distinct, ``"_1"``,
``"_2"``, as the ``.nfg`` reader does), probabilities, and outcome names of
terminal nodes (as the terminal's label, or the node name when the outcome
has none).  The comment is dropped.  Inside quoted strings ``\\"`` stands for
``"`` and ``\\\\`` for a backslash.

Nothing in a file is evaluated.  Anything but a regular file (a FIFO, a
device, a directory), files over :data:`MAX_FILE_BYTES` (the limit of the
``.nfg`` reader too), trees with more than :data:`MAX_NODES` nodes or deeper
than :data:`~sbgames.extensive.tree.MAX_DEPTH`, information-set, event or
outcome numbers over :data:`MAX_NODES`, and absurd numbers are refused with a
:class:`~sbgames.errors.GameFileError` naming the file, line and column.

Examples
--------
>>> game = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "stay out" { 0, 2 }
... p "" 2 1 "" { "Fight" "Accommodate" } 0
... t "" 2 "war" { -1, -1 }
... t "" 3 "share" { 1, 1 }''')
>>> game.node("Entrant:In/Incumbent:Accommodate").payoffs
(Fraction(1, 1), Fraction(1, 1))
>>> parse_efg(format_efg(game)) == game
True
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import GameFileError, InputTypeError
from ..files import atomic_write
from ..gambit_text import MAX_FILE_BYTES, Token, TokenStream, distinct_labels, number_text, quote, read_text
from .tree import MAX_DEPTH, Chance, Decision, ExtensiveGame, Terminal

__all__ = ["read_efg", "write_efg", "parse_efg", "format_efg", "MAX_FILE_BYTES", "MAX_NODES"]

#: Most nodes a file may define; information sets, events and outcomes are numbered up to this too.
MAX_NODES = 100_000
#: Most players a file may declare.
MAX_PLAYERS = 1000

# -- reading --------------------------------------------------------------------

@dataclass
class _InfosetData:
    label: str
    actions: list
    probabilities: list | None   # chance events only
    line: int
    members: int = 0


@dataclass
class _Record:
    kind: str                 # "p", "c" or "t"
    label: str
    line: int
    token: Token              # the node's first token, where errors about the node point
    player: int = 0           # 1-based for "p"
    infoset: int = 0          # infoset (or event) number
    children: int = 0
    remaining: int = 0
    payoffs: tuple = ()       # cumulative
    outcome_name: str = ""
    kids: list = field(default_factory=list)


class _Reader:
    def __init__(self, text: str, source: str):
        self.source = source
        self.tokens = TokenStream(text, source)
        self.infosets = {}     # (player, number) -> _InfosetData  (player 0: chance)
        self.outcomes = {}     # number -> (name, payoffs, line)

    def prologue(self):
        t = self.tokens
        first = t.take()
        if first.kind != "word" or first.value != "EFG":
            hint = " (a strategic game: use sbgames.read_nfg)" if first.value == "NFG" else ""
            raise t.unexpected(first, f"'EFG' at the start of a Gambit .efg file{hint}")
        version = t.take()
        if version.kind != "word" or version.value != "2":
            raise t.unexpected(version, "the version number 2 after 'EFG'")
        data_type = t.take()
        if data_type.kind != "word" or data_type.value not in ("R", "D"):
            raise t.unexpected(data_type, "the data type 'R' or 'D' after 'EFG 2'")
        title = t.expect("text", "the game title (a quoted string)").value
        t.expect("{", "'{' to start the list of player names")
        players = []
        while t.peek().kind == "text":
            players.append(t.take().value)
            if len(players) > MAX_PLAYERS:
                raise t.error(t.peek(), f"more than {MAX_PLAYERS} players; refused")
        close = t.expect("}", "a player name (a quoted string) or '}'")
        if not players:
            raise t.error(close, "the game has no players: the player list is empty")
        if t.peek().kind == "text":
            t.take()  # the optional comment
        return title, distinct_labels(players)

    def description(self, chance: bool, what: str):
        """``"label" { "a" ["p"] ... }`` after an information-set number, or None if absent."""
        t = self.tokens
        if t.peek().kind != "text":
            return None
        label = t.take().value
        t.expect("{", f"'{{' to start the actions of {what}")
        actions, probabilities = [], []
        while t.peek().kind == "text":
            actions.append(t.take().value)
            if chance:
                probabilities.append(t.number(f"the probability of action {actions[-1]!r}")[0])
        close = t.expect("}", f"an action name (a quoted string) or '}}' at {what}")
        if not actions:
            raise t.error(close, f"{what} has no actions")
        return label, actions, (probabilities if chance else None), close

    def infoset(self, key, chance: bool, number_token: Token, what: str) -> _InfosetData:
        t = self.tokens
        described = self.description(chance, what)
        known = self.infosets.get(key)
        if described is None:
            if known is None:
                raise t.error(number_token, f"{what} is used before it is described (the first node of "
                                                 f"an information set must list its name and actions)")
        else:
            label, actions, probabilities, close = described
            if known is None:
                if chance:
                    self.check_probabilities(probabilities, actions, close, what)
                known = _InfosetData(label, actions, probabilities, number_token.line)
                self.infosets[key] = known
            elif (label, actions, probabilities) != (known.label, known.actions, known.probabilities):
                raise t.error(number_token, f"{what} is described differently from its first description "
                                                 f"at line {known.line}")
        known.members += 1
        return known

    def check_probabilities(self, probabilities, actions, close: Token, what) -> None:
        for name, p in zip(actions, probabilities):
            if not 0 <= p <= 1:
                raise self.tokens.error(close, f"{what}: the probability of {name!r} is {p}, outside [0, 1]")
        if sum(probabilities) != 1:
            raise self.tokens.error(close, f"{what}: the probabilities sum to {sum(probabilities)}, not 1")

    def outcome(self, n_players: int) -> tuple[str, tuple]:
        """The outcome of a node: ``(name, payoffs)``; the null outcome is ``("", zeros)``."""
        t = self.tokens
        number, token = t.count("an outcome number (0 for none)", MAX_NODES)
        if t.peek().kind == "text":
            if number == 0:
                raise t.error(token, "outcome 0 is the null outcome and cannot have a name or payoffs")
            name = t.take().value
            t.expect("{", f"'{{' to start the payoffs of outcome {number}")
            payoffs = []
            while len(payoffs) < n_players:
                payoffs.append(t.number(f"the payoff of player {len(payoffs) + 1} in outcome {number}")[0])
                if t.peek().kind == ",":
                    t.take()
            close = t.take()
            if close.kind != "}":
                raise t.unexpected(close, f"'}}' after the {n_players} payoffs of outcome {number} "
                                          f"(one per player)")
            payoffs = tuple(payoffs)
            known = self.outcomes.get(number)
            if known is None:
                self.outcomes[number] = (name, payoffs, token.line)
            elif (name, payoffs) != known[:2]:
                raise t.error(token, f"outcome {number} is described differently from its first "
                                          f"description at line {known[2]}")
            return name, payoffs
        if number == 0:
            return "", (Fraction(0),) * n_players
        if number not in self.outcomes:
            raise t.error(token, f"outcome {number} is used before it is defined (its first use must give "
                                      f"its name and payoffs)")
        return self.outcomes[number][:2]

    def node(self, players: list) -> _Record:
        t = self.tokens
        kind = t.take()
        if kind.kind != "word" or kind.value not in ("p", "c", "t"):
            raise t.unexpected(kind, "a node: 'p' (player), 'c' (chance) or 't' (terminal)")
        label = t.expect("text", "the node name (a quoted string)").value
        record = _Record(kind.value, label, kind.line, kind)
        if kind.value == "p":
            player, token = t.count("a player number")
            if not 1 <= player <= len(players):
                raise t.error(token, f"player {token.value} does not exist; the file declares "
                                     f"{len(players)} player(s), numbered from 1")
            number, token = t.count("an information set number", MAX_NODES)
            data = self.infoset((player, number), False, token,
                                f"information set {number} of player {player} ({players[player - 1]!r})")
            record.player, record.infoset, record.children = player, number, len(data.actions)
        elif kind.value == "c":
            number, token = t.count("a chance event number", MAX_NODES)
            data = self.infoset((0, number), True, token, f"chance event {number}")
            record.infoset, record.children = number, len(data.actions)
        name, payoffs = self.outcome(len(players))
        record.outcome_name = name
        record.payoffs = payoffs
        record.remaining = record.children
        return record

    def read(self) -> ExtensiveGame:
        title, players = self.prologue()
        records, stack = [], []
        while True:
            start = self.tokens.peek()
            if start.kind == "eof":
                if not records:
                    raise self.tokens.error(start, "the file has no nodes: expected the root node")
                open_node = stack[-1]
                raise self.tokens.error(start, f"the file ends inside the tree: the node at line "
                                                    f"{open_node.line} still needs {open_node.remaining} more "
                                                    f"child node(s)")
            record = self.node(players)
            if len(records) >= MAX_NODES:
                raise self.tokens.error(record.token, f"more than {MAX_NODES} nodes; refused")
            if stack:
                parent = stack[-1]
                parent.remaining -= 1
                parent.kids.append(len(records))
                record.payoffs = tuple(a + b for a, b in zip(parent.payoffs, record.payoffs))
            records.append(record)
            if record.children:
                stack.append(record)
                if len(stack) > MAX_DEPTH:
                    raise self.tokens.error(record.token, f"the tree is deeper than {MAX_DEPTH} levels; refused")
            while stack and stack[-1].remaining == 0:
                stack.pop()
            if not stack:
                break
        rest = self.tokens.peek()
        if rest.kind != "eof":
            raise self.tokens.unexpected(rest, "the end of the file after the last node of the tree")
        return self.build(title, players, records)

    def infoset_names(self, players: list) -> dict:
        """Information-set names for the tree: None for unnamed singletons."""
        personal = {k: v for k, v in self.infosets.items() if k[0] != 0}
        labels = Counter(v.label for v in personal.values() if v.label)
        names, used = {}, set()
        for (player, number), data in personal.items():
            if data.label and labels[data.label] == 1:
                names[(player, number)] = data.label
                used.add(data.label)
        for (player, number), data in personal.items():
            if (player, number) in names:
                continue
            if data.members == 1 and not data.label:
                names[(player, number)] = None
                continue
            candidate = f"{players[player - 1]}:{number}"
            while candidate in used:
                candidate += "'"
            used.add(candidate)
            names[(player, number)] = candidate
        return names

    def build(self, title: str, players: list, records: list) -> ExtensiveGame:
        names = self.infoset_names(players)
        actions = {key: distinct_labels(data.actions) for key, data in self.infosets.items()}
        built = [None] * len(records)
        for k in reversed(range(len(records))):
            r = records[k]
            if r.kind == "t":
                built[k] = Terminal(r.payoffs, label=r.outcome_name or r.label)
            elif r.kind == "p":
                names_here = actions[(r.player, r.infoset)]
                built[k] = Decision(players[r.player - 1], tuple(zip(names_here, (built[j] for j in r.kids))),
                                    infoset=names[(r.player, r.infoset)], label=r.label)
            else:
                data = self.infosets[(0, r.infoset)]
                names_here = actions[(0, r.infoset)]
                built[k] = Chance(tuple((name, (p, built[j]))
                                        for name, p, j in zip(names_here, data.probabilities, r.kids)),
                                  label=r.label)
            if r.kind != "t" and len(r.kids) != r.children:  # cannot happen: read() closes every node
                raise RuntimeError(f"node at line {r.line}: {len(r.kids)} children read, {r.children} declared")
        try:
            return ExtensiveGame(built[0], players, title=title)
        except (TypeError, ValueError) as exc:
            raise GameFileError(f"{self.source}: {exc}") from None


def parse_efg(text: str, source: str = "<string>") -> ExtensiveGame:
    """Read a game tree from the text of a Gambit ``.efg`` file.

    Parameters
    ----------
    text : str
        The contents of the file.
    source : str, optional
        The name used in error messages (a path, say).

    Returns
    -------
    ExtensiveGame
        An exact game (numbers are read as fractions).

    Raises
    ------
    GameFileError
        If the text is not a valid ``.efg`` file, describes an invalid tree
        or is over a limit; the message names `source`, the line and column,
        and what was expected.  (:class:`~sbgames.errors.GameFileError` is a
        ``ValueError``.)

    Examples
    --------
    An outcome at a non-terminal node adds to every payoff below it:

    >>> game = parse_efg('''EFG 2 R "Stages" { "A" }
    ... c "" 1 "" { "H" 1/2 "T" 0.5 } 1 "entry fee" { -1 }
    ... t "" 2 "win" { 3 }
    ... t "" 0''')
    >>> [game.node(t).payoffs for t in game.terminals()]
    [(Fraction(2, 1),), (Fraction(-1, 1),)]
    >>> parse_efg('EFG 2 R "" { "A" }\\np "" 1 1 "" { "x" } 0\\nt "" 1 "o" { 1 2 }', source="bad.efg")
    Traceback (most recent call last):
    ...
    sbgames.errors.GameFileError: bad.efg line 3, column 16: expected '}' after the 1 payoffs of outcome 1 (one per player), found '2'
    """
    return _Reader(text, source).read()


def read_efg(path: str | os.PathLike) -> ExtensiveGame:
    """Read a game tree from a Gambit ``.efg`` file (UTF-8; see :func:`parse_efg`).

    Only a regular file of at most :data:`MAX_FILE_BYTES` bytes is read (not
    a FIFO, a device or a directory, also behind a symbolic link).

    Raises
    ------
    FileNotFoundError
        If there is no file at `path`.
    GameFileError
        If the file is not a regular file, too large, not UTF-8, or not a
        valid ``.efg`` file; the message names the path and, for the
        contents, the line and column.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "coin.efg"
    >>> _ = path.write_text('EFG 2 R "Coin" { "P" }\\nc "" 1 "" { "H" 1/2 "T" 1/2 } 0\\n'
    ...                     't "" 1 "" { 1 }\\nt "" 2 "" { -1 }\\n')
    >>> read_efg(path).chance_nodes()
    ('chance',)
    """
    return parse_efg(read_text(path), source=os.fspath(path))


# -- writing --------------------------------------------------------------------

def format_efg(game: ExtensiveGame) -> str:
    """The text of a Gambit ``.efg`` file (``EFG 2 R``) for a game tree.

    Every node is written with its full description (information sets and
    events described at each node, one outcome per terminal node, named by
    the terminal's label).  Exact numbers are written as integers or
    ``p/q``, floats as their shortest decimal, which reads back as that
    decimal exactly.

    Raises
    ------
    InputTypeError
        If the game is symbolic: substitute values first (``game.subs``).

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> game = ExtensiveGame(Decision("A", {"x": Terminal((1, 2), label="end"), "y": Terminal((0, 0))}),
    ...                      ["A", "B"], title="Tiny")
    >>> print(format_efg(game))
    EFG 2 R "Tiny" { "A" "B" }
    ""
    <BLANKLINE>
    p "" 1 1 "" { "x" "y" } 0
    t "" 1 "end" { 1, 2 }
    t "" 2 "" { 0, 0 }
    <BLANKLINE>
    """
    if not isinstance(game, ExtensiveGame):
        raise InputTypeError(f"format_efg needs an ExtensiveGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise InputTypeError(f"cannot write a symbolic game (symbols {list(game.symbols)}) to .efg; "
                             f"substitute values first (game.subs)")
    numbers = {}
    for player in game.players:
        for k, info in enumerate(game.infosets(player), start=1):
            numbers[info.name] = k
    lines = [f"EFG 2 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}", '""', ""]
    events = outcomes = 0
    for path in game.paths():
        node = game.node(path)
        if isinstance(node, Terminal):
            outcomes += 1
            payoffs = ", ".join(number_text(v) for v in node.payoffs)
            lines.append(f't "" {outcomes} {quote(node.label)} {{ {payoffs} }}')
        elif isinstance(node, Decision):
            info = game.infoset_of(path)
            player = game.players.index(node.player) + 1
            acts = " ".join(quote(a) for a in info.actions)
            name = info.name if info.named else ""
            lines.append(f"p {quote(node.label)} {player} {numbers[info.name]} {quote(name)} {{ {acts} }} 0")
        else:
            events += 1
            acts = " ".join(f"{quote(n)} {number_text(p)}" for n, p, _ in node.moves)
            lines.append(f'c {quote(node.label)} {events} "" {{ {acts} }} 0')
    return "\n".join(lines) + "\n"


def write_efg(game: ExtensiveGame, path: str | os.PathLike) -> None:
    """Write a game tree to a Gambit ``.efg`` file (UTF-8; see :func:`format_efg`).

    :func:`read_efg` gives back an equal game (for a float game: ``game.as_exact()``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> game = ExtensiveGame(Decision("A", {"x": Terminal((1,)), "y": Terminal((0,))}), ["A"])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.efg"
    >>> write_efg(game, path)
    >>> read_efg(path) == game
    True
    """
    text = format_efg(game)
    atomic_write(path, text)
