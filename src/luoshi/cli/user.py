"""``luoshi user add|passwd|token|disable|enable|logout``: accounts for the web app and the API."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import click

from luoshi.config import load_settings
from luoshi.supervise.permissions import Role

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger

ROLE_CHOICES = [r.value for r in Role if r is not Role.PUBLIC]
ACTOR = "luoshi.user.actor"


def _remember_actor(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta[ACTOR] = value


# ``luoshi user --by 张三 add …`` or ``luoshi user add … --by 张三``: who made the change (audited)
actor_option = click.option(
    "--by", callback=_remember_actor, expose_value=False, help="操作人（记入审计记录；默认当前系统用户）"
)


@click.group()
@click.option(
    "--db", "db_url", default=None, help="数据库地址（默认 LUOSHI_DATABASE_URL 或数据目录中的 SQLite）"
)
@actor_option
@click.pass_context
def user(ctx: click.Context, db_url: str | None) -> None:
    """Manage users: admin (督查室), leader (领导), reporter (单位填报员)."""
    ctx.obj = load_settings(database_url=db_url).resolved_database_url


@user.command("add")
@actor_option
@click.argument("username")
@click.option("--role", type=click.Choice(ROLE_CHOICES), required=True)
@click.option("--unit", default=None, help="单位代码或名称（单位填报员必填）")
@click.option("--name", "display_name", default="", help="显示名称")
@click.option("--password", default=None, help="不给则生成随机密码并打印一次")
@click.pass_obj
def add(
    url: str, username: str, role: str, unit: str | None, display_name: str, password: str | None
) -> None:
    """Add a user; prints the password once."""
    from luoshi.supervise.accounts import add_user

    with _ledger(url) as ledger:
        _, password = add_user(
            ledger,
            username=username,
            role=Role(role),
            unit=unit,
            display_name=display_name,
            password=password,
        )
    click.echo(f"已创建用户 {username}，密码：{password}")


@user.command("passwd")
@actor_option
@click.argument("username")
@click.option("--password", default=None, help="不给则生成随机密码并打印一次")
@click.pass_obj
def passwd(url: str, username: str, password: str | None) -> None:
    """Set a new password; prints it once."""
    from luoshi.supervise.accounts import set_password

    with _ledger(url) as ledger:
        password = set_password(ledger, username=username, password=password)
    click.echo(f"已重设 {username} 的密码：{password}")


@user.command("token")
@actor_option
@click.argument("username")
@click.option("--name", default="", help="令牌用途说明")
@click.option(
    "--days", type=click.IntRange(1, 3650), default=None, help="有效天数（默认 LUOSHI_TOKEN_DAYS，90 天）"
)
@click.option("--revoke", is_flag=True, help="撤销该用户的全部令牌（不签发新令牌）")
@click.pass_obj
def token(url: str, username: str, name: str, days: int | None, revoke: bool) -> None:
    """Issue an API bearer token (prints it once), or revoke all of the user's tokens."""
    from luoshi.supervise.accounts import issue_token, revoke_tokens

    with _ledger(url) as ledger:
        if revoke:
            count = revoke_tokens(ledger, username=username)
        else:
            value = issue_token(ledger, username=username, name=name, days=days or load_settings().token_days)
    click.echo(f"已撤销 {username} 的 {count} 个令牌" if revoke else value)


@user.command("disable")
@click.argument("username")
@click.pass_obj
def disable(url: str, username: str) -> None:
    """Disable a user: sign-in refused, every session and token ends at once."""
    _set_active(url, username, active=False, done=f"已停用用户 {username}，其会话和令牌均已失效")


@user.command("enable")
@click.argument("username")
@click.pass_obj
def enable(url: str, username: str) -> None:
    """Enable a disabled user again (old sessions and tokens stay ended)."""
    _set_active(url, username, active=True, done=f"已启用用户 {username}")


def _set_active(url: str, username: str, *, active: bool, done: str) -> None:
    from luoshi.supervise.accounts import set_active

    with _ledger(url) as ledger:
        set_active(ledger, username=username, active=active)
    click.echo(done)


@user.command("logout")
@click.argument("username")
@click.pass_obj
def logout(url: str, username: str) -> None:
    """End every session of the user (on every device); tokens are kept."""
    from luoshi.supervise.accounts import end_sessions

    with _ledger(url) as ledger:
        end_sessions(ledger, username=username)
    click.echo(f"已结束 {username} 的全部会话")


def _ledger(url: str) -> AbstractContextManager[Ledger]:
    from luoshi.cli.options import open_database

    return open_database(url).ledger(actor=_actor())


def _actor() -> str:
    """The ``--by`` given, else the operating-system account that ran the command."""
    import getpass

    given = click.get_current_context().meta.get(ACTOR)
    if given:
        return str(given)
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
