"""Turn a parsed Jinja2 template into a tree of literal text and branch choices.

The template is never rendered. Its AST (from jinja2's own parser) is walked: literal text keeps
its position in the template file, ``{{ … }}`` becomes a placeholder, ``{% if %}`` becomes a
:class:`Choice` between its branches, ``{% for %}`` bodies appear once, and includes, extends
with blocks, macros and imports are resolved through the environment's loader.

Expansion has a budget (``limits.MAX_TEMPLATE_PIECES`` pieces and ``MAX_TEMPLATE_CHARS``
characters, every macro call and include counted each time it is expanded) and a nesting limit,
so that macros calling macros cannot take minutes or exhaust the stack.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.lexer import Lexer, get_lexer

from lint_brieven.letter import MappedText, Placeholder, Segment, SourceText
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.limits import (
    MAX_TEMPLATE_CHARS,
    MAX_TEMPLATE_NESTING,
    MAX_TEMPLATE_PIECES,
    number,
)
from lint_brieven.readers.placeholders import classify, stand_in
from lint_brieven.readers.template_loader import TemplateRefused, display_path

MAX_DEPTH = 25  # includes, extends, imports, macro calls and blocks inside one another


@dataclass
class Choice:
    """A point where the template takes one of several branches."""

    label: str  # e.g. "regel 12"
    branches: list[list[Item]]
    names: list[str]  # per branch, e.g. "{% if %}", "{% else %}"
    weight: Weight = field(init=False)  # all branches
    longest: Weight = field(init=False)  # the largest a variant can take of it

    def __post_init__(self) -> None:
        weights = [weight(b) for b in self.branches]
        longests = [longest(b) for b in self.branches]
        self.weight = Weight(1 + sum(w.pieces for w in weights), sum(w.chars for w in weights))
        self.longest = Weight(
            1 + max((w.pieces for w in longests), default=0),
            max((w.chars for w in longests), default=0),
        )


@dataclass(frozen=True)
class Weight:
    """Pieces (text, placeholders, choices) and characters of literal text."""

    pieces: int = 0
    chars: int = 0

    def __add__(self, other: Weight) -> Weight:
        return Weight(self.pieces + other.pieces, self.chars + other.chars)


Item = MappedText | Choice
Seq = list[Item]


def weight(seq: Seq) -> Weight:
    """What expanding ``seq`` again costs: every branch of every choice."""
    return _summed(seq, "weight")


def longest(seq: Seq) -> Weight:
    """The most one variant of ``seq`` can hold."""
    return _summed(seq, "longest")


def _summed(seq: Seq, choice_measure: str) -> Weight:
    """Pieces and characters of ``seq``, a choice counted by its ``choice_measure``."""
    pieces = chars = 0
    for item in seq:
        if isinstance(item, Choice):
            measured = getattr(item, choice_measure)
            pieces += measured.pieces
            chars += measured.chars
        else:
            pieces += 1
            chars += len(item.text)
    return Weight(pieces, chars)


class TemplateMissing(ReaderError):
    """An included, extended or imported template that is not there."""


@dataclass
class Parsed:
    """A parsed template with the source positions of its text and its ``{{ }}`` tags.

    What the walk makes of its nodes depends on the template alone and is kept with it: its
    ``outline``, and per literal text or ``{{ }}`` node the piece it becomes (``pieces``), so
    a macro called many times, or a house style many letters extend, is worked out once."""

    name: str
    source: SourceText
    ast: nodes.Template
    data_at: dict[int, int]  # id(TemplateData) -> offset in source
    expr_at: dict[int, tuple[int, int]]  # id(output expression) -> tag span in source
    pieces: dict[int, MappedText] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def outline(self) -> _Outline:
        """Its extends, blocks, macros and imports, found in one walk over the tree."""
        found = list(self.ast.find_all(_OUTLINE_NODES))
        return _Outline(
            next((n for n in found if isinstance(n, nodes.Extends)), None),
            [n for n in found if isinstance(n, nodes.Block)],
            {m.name: (m, self) for m in found if isinstance(m, nodes.Macro)},
            [n for n in found if isinstance(n, (nodes.Import, nodes.FromImport))],
        )


_OUTLINE_NODES = (nodes.Extends, nodes.Block, nodes.Macro, nodes.Import, nodes.FromImport)


@dataclass(frozen=True)
class _Outline:
    """The nodes of a template that decide its shape, in the order of the template."""

    extends: nodes.Extends | None
    blocks: list[nodes.Block]
    macros: dict[str, tuple[nodes.Macro, Parsed]]  # shared: only read
    imports: list[nodes.Import | nodes.FromImport]


@dataclass
class Scope:
    """What is visible while walking one template: its macros, imports and block overrides."""

    parsed: Parsed
    macros: dict[str, tuple[nodes.Macro, Parsed]] = field(default_factory=dict)
    namespaces: dict[str, dict[str, tuple[nodes.Macro, Parsed]]] = field(default_factory=dict)
    assigned: dict[str, Seq] = field(default_factory=dict)
    blocks: dict[str, list[tuple[nodes.Block, Scope]]] = field(default_factory=dict)
    caller: Seq | None = None
    super_body: Seq | None = None
    depth: int = 0


@dataclass
class _Shape:
    """What the walk needs of a parsed template, found once."""

    extends: nodes.Extends | None
    blocks: list[nodes.Block]
    macros: dict[str, tuple[nodes.Macro, Parsed]]
    namespaces: dict[str, dict[str, tuple[nodes.Macro, Parsed]]]
    imported: dict[str, tuple[nodes.Macro, Parsed]]


class _ParsedTemplates:
    """Templates parsed in this process, by name, path, text and the environment's syntax
    and extensions (``_syntax``): the templates that many letters include or extend (a house
    style, a contact block, macros) are parsed once. A parsed template is only read, never
    changed. The most recently used are kept, and only templates of at most ``MAX_CHARS``
    characters."""

    MAX_ENTRIES = 64
    MAX_CHARS = 200_000

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, Parsed] = OrderedDict()

    def get(self, key: tuple) -> Parsed | None:
        parsed = self._kept.get(key)
        if parsed is not None:
            self._kept.move_to_end(key)
        return parsed

    def put(self, key: tuple, parsed: Parsed) -> None:
        if len(key[2]) > self.MAX_CHARS:
            return
        self._kept[key] = parsed
        while len(self._kept) > self.MAX_ENTRIES:
            self._kept.popitem(last=False)


_PARSED = _ParsedTemplates()


def _syntax(env: Environment) -> tuple:
    """What of an environment decides how a template parses (its loader does not)."""
    return (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        tuple(sorted(env.extensions)),
    )


class TemplateTree:
    """Builds the choice tree for one template file, loading what it includes or extends."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._cache: dict[str, Parsed] = {}
        self._shapes: dict[str, _Shape] = {}
        self.sources: list[SourceText] = []
        self.spent = Weight()
        self._nesting = 0

    # -- loading -------------------------------------------------------------------------
    def parse(self, name: str, source: str, path: str) -> Parsed:
        if name in self._cache:
            return self._cache[name]
        key = (name, path, source, _syntax(self.env))
        parsed = _PARSED.get(key)
        if parsed is None:
            recorded = getattr(self.env, "lexed", None)
            if recorded is not None:
                recorded.clear()
            try:
                ast = self.env.parse(source, name, path)
            except TemplateSyntaxError as exc:
                raise ReaderError(f"Sjabloonfout: {exc.message}", exc.lineno, path=path) from exc
            text = SourceText(path, source)
            tokens = recorded.get(source) if recorded is not None else None
            data_at, expr_at = _positions(self.env, source, name, path, ast, tokens)
            parsed = Parsed(name, text, ast, data_at, expr_at)
            _PARSED.put(key, parsed)
        self._cache[name] = parsed
        self.sources.append(parsed.source)
        return parsed

    def load(self, name: str, by: Scope, line: int) -> Parsed:
        if self.env.loader is None:
            raise ReaderError(f"Sjabloon '{name}' kan niet worden geladen.", line)
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
        except TemplateNotFound as exc:
            raise TemplateMissing(
                f"Het sjabloon '{name}' is niet gevonden (gezocht in: {self._search_path()}).",
                line,
                path=by.parsed.source.path,
            ) from exc
        except TemplateRefused as exc:
            raise ReaderError(exc.message, line, path=by.parsed.source.path) from exc
        return self.parse(name, source, display_path(filename or name))

    def _search_path(self) -> str:
        paths = getattr(self.env.loader, "searchpath", [])
        return ", ".join(display_path(p) for p in paths) or "-"

    # -- the budget ----------------------------------------------------------------------
    def _spend(self, cost: Weight, scope: Scope, line: int | None) -> None:
        self.spent = self.spent + cost
        if self.spent.pieces > MAX_TEMPLATE_PIECES:
            what = f"{number(MAX_TEMPLATE_PIECES)} stukken tekst en sjabloonopdrachten"
        elif self.spent.chars > MAX_TEMPLATE_CHARS:
            what = f"{number(MAX_TEMPLATE_CHARS)} tekens"
        else:
            return
        raise ReaderError(
            f"Het sjabloon is te groot om uit te vouwen: meer dan {what} (grens), elke "
            "aanroep van een macro of include meegeteld. Roepen macro's elkaar steeds opnieuw "
            "aan?",
            line,
            path=scope.parsed.source.path,
        )

    def _copy(self, seq: Seq, scope: Scope, line: int | None) -> Seq:
        """``seq`` inlined once more (``caller()``, ``super()``, a ``{% set %}`` block)."""
        self._spend(weight(seq), scope, line)
        return list(seq)

    # -- walking -------------------------------------------------------------------------
    def build(self, parsed: Parsed) -> Seq:
        return self._template(Scope(parsed), {})

    def _template(self, scope: Scope, overrides: dict[str, list[tuple[nodes.Block, Scope]]]) -> Seq:
        shape = self._collect_definitions(scope)
        extends = shape.extends
        own_blocks = {b.name: [(b, scope)] for b in shape.blocks}
        merged = {
            name: overrides.get(name, []) + own_blocks.get(name, [])
            for name in {*overrides, *own_blocks}
        }
        if extends is not None:
            parent_name = _const_name(extends.template)
            if parent_name is None:
                return []  # a computed parent cannot be known without data
            self._guard(scope, extends.lineno)
            parent = self.load(parent_name, scope, extends.lineno)
            return self._template(Scope(parent, depth=scope.depth + 1), merged)
        scope.blocks = merged
        return self._seq(scope.parsed.ast.body, scope)

    def _collect_definitions(self, scope: Scope) -> _Shape:
        shape = self._shape(scope)
        scope.macros.update(shape.macros)
        scope.namespaces.update(shape.namespaces)
        scope.macros.update(shape.imported)
        return shape

    def _shape(self, scope: Scope) -> _Shape:
        """The template's extends, blocks, macros and imports, found once per template (a
        macro called a thousand times does not search its template a thousand times)."""
        parsed = scope.parsed
        if parsed.name in self._shapes:
            return self._shapes[parsed.name]
        outline = parsed.outline
        shape = _Shape(outline.extends, outline.blocks, outline.macros, {}, {})
        for node in outline.imports:
            name = _const_name(node.template)
            if name is None:
                continue
            self._guard(scope, node.lineno)
            other = self.load(name, scope, node.lineno)
            other_macros = other.outline.macros
            if isinstance(node, nodes.Import):
                shape.namespaces[node.target] = other_macros
            else:
                for entry in node.names:
                    original, alias = entry if isinstance(entry, tuple) else (entry, entry)
                    if original in other_macros:
                        shape.imported[alias] = other_macros[original]
        self._shapes[parsed.name] = shape
        return shape

    def _guard(self, scope: Scope, line: int) -> None:
        if scope.depth >= MAX_DEPTH:
            raise ReaderError(
                "Sjablonen, macro's of blokken roepen elkaar meer dan "
                f"{MAX_DEPTH} lagen diep aan (grens {MAX_DEPTH}); is er een kringverwijzing?",
                line,
                path=scope.parsed.source.path,
            )

    def _seq(self, body: list[nodes.Node], scope: Scope) -> Seq:
        self._nesting += 1
        try:
            if self._nesting > MAX_TEMPLATE_NESTING:
                line = body[0].lineno if body else None
                raise ReaderError(
                    "Het sjabloon is te diep genest: {% if %}, {% for %}, macro's en blokken "
                    f"liggen meer dan {MAX_TEMPLATE_NESTING} lagen in elkaar (grens).",
                    line,
                    path=scope.parsed.source.path,
                )
            out: Seq = []
            for node in body:
                out.extend(self._node(node, scope))
            return out
        finally:
            self._nesting -= 1

    def _node(self, node: nodes.Node, scope: Scope) -> Seq:  # noqa: C901 - one case per node type
        self._spend(Weight(1, 0), scope, node.lineno)
        if isinstance(node, nodes.Output):
            return [piece for child in node.nodes for piece in self._output(child, scope)]
        if isinstance(node, nodes.If):
            return [self._if_choice(node, scope)]
        if isinstance(node, nodes.For):
            body = self._seq(node.body, scope)
            if not node.else_:
                return body
            label = self._label(node, scope)
            else_ = self._seq(node.else_, scope)
            return [Choice(label, [body, else_], ["{% for %}", "{% for %} leeg ({% else %})"])]
        if isinstance(node, nodes.Block):
            return self._block(node, scope)
        if isinstance(node, nodes.Include):
            return self._include(node, scope)
        if isinstance(node, nodes.CallBlock):
            caller = self._seq(node.body, scope)
            return self._call(node.call, scope, caller) or []
        if isinstance(node, nodes.AssignBlock) and isinstance(node.target, nodes.Name):
            scope.assigned[node.target.name] = self._seq(node.body, scope)
            return []
        if isinstance(
            node,
            (
                nodes.FilterBlock,
                nodes.With,
                nodes.Scope,
                nodes.ScopedEvalContextModifier,
                nodes.EvalContextModifier,
            ),
        ):
            return self._seq(node.body, scope)
        return []  # macros, imports, set, do, extends: no text of their own here

    def _if_choice(self, node: nodes.If, scope: Scope) -> Choice:
        branches = [self._seq(node.body, scope)]
        names = ["{% if %}"]
        for elif_ in node.elif_:
            branches.append(self._seq(elif_.body, scope))
            names.append(f"{{% elif %}} (regel {elif_.lineno})")
        branches.append(self._seq(node.else_, scope))
        names.append("{% else %}" if node.else_ else "geen {% if %}-tak")
        return Choice(self._label(node, scope), branches, names)

    def _label(self, node: nodes.Node, scope: Scope) -> str:
        """'regel 12' in the letter itself, 'basis.html.j2 regel 3' in another template."""
        source = scope.parsed.source
        if self.sources and source is self.sources[0]:
            return f"regel {node.lineno}"
        return f"{Path(source.path).name} regel {node.lineno}"

    def _block(self, node: nodes.Block, scope: Scope) -> Seq:
        chain = scope.blocks.get(node.name) or [(node, scope)]
        return self._block_chain(chain)

    def _block_chain(self, chain: list[tuple[nodes.Block, Scope]]) -> Seq:
        block, owner = chain[0]
        inner = Scope(
            owner.parsed,
            owner.macros,
            owner.namespaces,
            owner.assigned,
            owner.blocks,
            owner.caller,
            depth=owner.depth + 1,
        )
        inner.super_body = self._block_chain(chain[1:]) if len(chain) > 1 else []
        return self._seq(block.body, inner)

    def _include(self, node: nodes.Include, scope: Scope) -> Seq:
        name = _const_name(node.template)
        if name is None:
            return []
        self._guard(scope, node.lineno)
        try:
            included = self.load(name, scope, node.lineno)
        except TemplateMissing:
            if node.ignore_missing:
                return []
            raise
        return self._template(Scope(included, depth=scope.depth + 1), {})

    def _output(self, node: nodes.Node, scope: Scope) -> Seq:
        parsed = scope.parsed
        if isinstance(node, nodes.TemplateData):
            self._spend(Weight(1, len(node.data)), scope, node.lineno)
            piece = parsed.pieces.get(id(node))
            if piece is None:
                start = parsed.data_at.get(id(node))
                piece = parsed.pieces[id(node)] = (
                    MappedText(node.data, ())
                    if start is None
                    else MappedText.from_source(parsed.source, start, start + len(node.data))
                )
            return [piece]
        if isinstance(node, nodes.Call):
            inlined = self._call(node, scope, None)
            if inlined is not None:
                return inlined
        if isinstance(node, nodes.Name) and node.name in scope.assigned:
            return self._copy(scope.assigned[node.name], scope, node.lineno)
        self._spend(Weight(1, 0), scope, node.lineno)
        piece = parsed.pieces.get(id(node))
        if piece is None:
            piece = parsed.pieces[id(node)] = self._placeholder(node, parsed)
        return [piece]

    def _call(self, call: nodes.Call, scope: Scope, caller: Seq | None) -> Seq | None:
        """Inline a macro call, ``caller()`` or ``super()``; None when it is none of those."""
        target = call.node
        if isinstance(target, nodes.Name):
            if target.name == "super" and scope.super_body is not None:
                return self._copy(scope.super_body, scope, call.lineno)
            if target.name == "caller" and scope.caller is not None:
                return self._copy(scope.caller, scope, call.lineno)
            found = scope.macros.get(target.name)
        elif isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name):
            found = scope.namespaces.get(target.node.name, {}).get(target.attr)
        else:
            found = None
        if found is None:
            return None
        macro, owner = found
        self._guard(scope, call.lineno)
        inner = Scope(owner, depth=scope.depth + 1, caller=caller)
        self._collect_definitions(inner)
        return self._seq(macro.body, inner)

    def _placeholder(self, node: nodes.Node, parsed: Parsed) -> MappedText:
        names = (
            [n.name for n in node.find_all(nodes.Name)]
            if not isinstance(node, nodes.Name)
            else [node.name]
        )
        names += [g.attr for g in _getattrs(node)]
        filters = [f.name for f in _filters(node)]
        kind = classify(names, filters)
        word = stand_in(kind, names)
        span = parsed.expr_at.get(id(node))
        if span is None:
            return MappedText(word, ())
        tag = parsed.source.text[span[0] : span[1]]
        segment = Segment(
            0,
            len(word),
            parsed.source,
            span[0],
            span[1],
            exact=False,
            placeholder=Placeholder(tag, kind),
        )
        return MappedText(word, (segment,))


def _getattrs(node: nodes.Node) -> list[nodes.Getattr]:
    found = [node] if isinstance(node, nodes.Getattr) else []
    return found + list(node.find_all(nodes.Getattr))


def _filters(node: nodes.Node) -> list[nodes.Filter]:
    found = [node] if isinstance(node, nodes.Filter) else []
    return found + list(node.find_all(nodes.Filter))


def _const_name(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (nodes.List, nodes.Tuple)) and node.items:
        return _const_name(node.items[0])
    return None


class RecordingEnvironment(Environment):
    """jinja2's ``Environment`` whose lexer keeps the raw tokens (``Lexer.tokeniter``) of each
    source it lexes to the end, in ``lexed`` (source -> tokens): parsing a template lexes it,
    and ``_positions`` reads the same tokens instead of lexing the source a second time."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lexed: dict[str, list[tuple[int, str, str]]] = {}

    @property
    def lexer(self) -> Lexer:
        return _RecordingLexer(get_lexer(self), self.lexed)  # type: ignore[return-value]


class _RecordingLexer:
    """A jinja2 ``Lexer`` whose ``tokeniter`` also records the tokens of a source lexed to
    its end (a source whose lexing stopped early, on an error, is not recorded); everything
    else is the lexer's own (``tokenize`` is jinja2's, calling this ``tokeniter``)."""

    def __init__(self, lexer: Lexer, lexed: dict[str, list[tuple[int, str, str]]]) -> None:
        self._lexer = lexer
        self._lexed = lexed

    tokenize = Lexer.tokenize

    def tokeniter(self, source: str, *args, **kwargs):
        tokens = []
        for token in self._lexer.tokeniter(source, *args, **kwargs):
            tokens.append(token)
            yield token
        self._lexed[source] = tokens

    def __getattr__(self, name: str):
        return getattr(self._lexer, name)


def _positions(
    env: Environment,
    source: str,
    name: str,
    path: str,
    ast: nodes.Template,
    tokens: list[tuple[int, str, str]] | None = None,
) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """Source offsets of literal text and ``{{ }}`` tags, matched to their AST nodes in order.

    jinja2's AST has line numbers only, so the raw token stream (``tokens`` as the parse
    lexed them, else the source lexed again) is walked to find each token's offset; text
    tokens and ``{{ }}`` tags come in the same order as their nodes in the tree.
    """
    data: list[int] = []
    tags: list[tuple[int, int]] = []
    cursor = 0
    tag_start = 0
    if tokens is None:
        tokens = env.lexer.tokeniter(source, name, path)
    for _line, token, value in tokens:
        at = source.find(value, cursor) if value else cursor
        if at < 0:
            break
        cursor = at + len(value)
        if token == "data" and value:
            data.append(at)
        elif token == "variable_begin":
            tag_start = at
        elif token == "variable_end":
            tags.append((tag_start, cursor))
    data_nodes = list(ast.find_all(nodes.TemplateData))
    expr_nodes = [
        child
        for out in ast.find_all(nodes.Output)
        for child in out.nodes
        if not isinstance(child, nodes.TemplateData)
    ]
    data_at = {id(n): off for n, off in zip(data_nodes, data, strict=False)}
    if len(data_nodes) != len(data):
        data_at = {}
    expr_at = {id(n): span for n, span in zip(expr_nodes, tags, strict=False)}
    if len(expr_nodes) != len(tags):
        expr_at = {}
    return data_at, expr_at
