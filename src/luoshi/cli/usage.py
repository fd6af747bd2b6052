"""click's own usage errors (unknown option, missing argument, a value of the wrong kind) in Chinese.

One line each, naming the option or argument and what it takes; the CLI prints it and exits 2.
"""

from __future__ import annotations

import re

import click

# click's messages for plain UsageErrors that carry no structured fields
PATTERNS = (
    (re.compile(r"Got unexpected extra arguments? \((.*)\)"), "多余的参数：{0}"),
    (re.compile(r"Missing command"), "缺少子命令"),
)


def usage_message(exc: click.UsageError) -> str:
    """One Chinese line for ``exc``, with where to read the command's help."""
    return f"{_what(exc)}（用法见 {_command(exc)} --help）"


def _what(exc: click.UsageError) -> str:
    if isinstance(exc, click.exceptions.NoSuchCommand):
        return f"没有命令 {exc.command_name}"
    if isinstance(exc, click.NoSuchOption):
        near = "、".join(sorted(exc.possibilities or []))
        return f"没有选项 {exc.option_name}" + (f"（是否想用 {near}？）" if near else "")
    if isinstance(exc, click.BadOptionUsage):
        return f"选项 {exc.option_name} 需要一个值" if "requires" in exc.message else _plain(exc.message)
    if isinstance(exc, click.MissingParameter):
        return f"缺少{_kind(exc.param)} {_hint(exc)}"
    if isinstance(exc, click.BadParameter):
        return f"{_kind(exc.param)} {_hint(exc)} 的值不对：{_expects(exc)}"
    return _plain(exc.message)


def _kind(param: click.Parameter | None) -> str:
    return "选项" if isinstance(param, click.Option) else "参数"


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return " / ".join(hint) if not isinstance(hint, str) else hint.strip("'")
    if isinstance(exc.param, click.Option):
        return exc.param.opts[0]
    return exc.param.human_readable_name if exc.param else ""


def _expects(exc: click.BadParameter) -> str:
    """What the parameter takes, from its type (click's own explanation is English)."""
    kind = exc.param.type if exc.param else None
    if isinstance(kind, click.Choice):
        return "只能是 " + "、".join(map(str, kind.choices)) + " 之一"
    if isinstance(kind, click.DateTime):
        return "应为日期，格式 YYYY-MM-DD（如 2022-06-10）"
    if isinstance(kind, click.IntRange | click.FloatRange):
        low, high = ("…" if end is None else end for end in (kind.min, kind.max))
        return f"应为 {low} 到 {high} 之间的数"
    if isinstance(kind, click.types.IntParamType):
        return "应为整数（阿拉伯数字，如 600）"
    if isinstance(kind, click.types.FloatParamType):
        return "应为数字（阿拉伯数字，如 600 或 6.5）"
    if isinstance(kind, click.Path | click.File):
        return "文件或目录不存在，或不能读写"
    return exc.message if _chinese(exc.message) else "格式不对"


def _plain(message: str) -> str:
    for pattern, chinese in PATTERNS:
        found = pattern.search(message)
        if found:
            return chinese.format(*found.groups())
    return message if _chinese(message) else f"用法不对：{message}"


def _chinese(text: str) -> bool:
    """Written in Chinese (ours), not click's English around a Chinese value the user typed."""
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return cjk > sum(ch.isascii() and ch.isalpha() for ch in text)


def _command(exc: click.UsageError) -> str:
    return exc.ctx.command_path if exc.ctx is not None else "luoshi"
