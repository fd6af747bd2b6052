"""``luoshi user add|passwd|token``: accounts for the web app and the API."""

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
    from luoshi.serve.accounts import add_user

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
    from luoshi.serve.accounts import set_password

    with _ledger(url) as ledger:
        password = set_password(ledger, username=username, password=password)
    click.echo(f"已重设 {username} 的密码：{password}")


@user.command("token")
@actor_option
@click.argument("username")
@click.option("--name", default="", help="令牌用途说明")
@click.pass_obj
def token(url: str, username: str, name: str) -> None:
    """Issue an API bearer token; prints it once."""
    from luoshi.serve.accounts import issue_token

    with _ledger(url) as ledger:
        value = issue_token(ledger, username=username, name=name)
    click.echo(value)


def _ledger(url: str) -> AbstractContextManager[Ledger]:
    from luoshi.store.db import Database
    from luoshi.store.migrate import ensure_schema

    db = Database(url)
    ensure_schema(db.engine)
    return db.ledger(actor=_actor())


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
