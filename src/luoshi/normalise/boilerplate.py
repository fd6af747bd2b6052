"""Web and print furniture that fills whole lines: sources, menus, captions, footers, page numbers.

Lines are matched in simplified script (after OpenCC), so one pattern covers both scripts.
Every pattern is anchored to a whole line and limited in length: report prose never matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SEP = r"[\s\[\]【】()（）|｜/·•:：、>»\-]*"
_MENU_WORD = (
    r"打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|分享到|分享|收藏本页|收藏|下载|返回顶部|返回|"
    r"微信|微博|朋友圈|QQ空间|QQ|扫一扫|手机阅读|纠错|我要纠错|保存|字号|字体|默认|大|中|小|"
    r"A\+|A-|视力保护色|背景色|繁体|简体|繁|简|无障碍|长者模式|在手机打开当前页|二维码"
)
# (line pattern, longest line it may remove)
_RULES: tuple[tuple[re.Pattern[str], int], ...] = (
    # 来源：阳泉市人民政府 / 信息来源: … / 发布时间：2023-02-27 来源：… 浏览次数：
    (re.compile(r"^(?:信息|文章|稿件|新闻|本文)?来源[：:]"), 80),
    (re.compile(r"^(?:发布|发稿|更新|成文)(?:时间|日期)[：:]"), 120),
    (re.compile(r"(?:浏览|阅读|访问|点击)(?:次数|量|数)[：:]"), 120),
    # 点击查阅更多…, 点击这里, 点击下载
    (re.compile(r"^(?:请)?点击(?:查阅|查看|阅读|进入|下载|这里|此处|图片)"), 80),
    # 【字号 大 中 小】, 字体：【大】【中】【小】
    (re.compile(r"字[号体][：:]?" + _SEP + r"大" + _SEP + r"中" + _SEP + r"小"), 80),
    # menus made only of menu words: 【打印本页】【关闭窗口】, 分享到：微信 微博
    (re.compile(rf"^{_SEP}(?:(?:{_MENU_WORD}){_SEP})+$"), 80),
    (re.compile(r"^分享到"), 80),
    # editors and proof-readers
    (
        re.compile(
            r"^[【\[(（]?\s*(?:责任编辑|责编|编辑|审核|校对|审校|初审|复审|终审|编审|监制|撰稿)\s*[：:]"
        ),
        60,
    ),
    # photo captions
    (re.compile(r"^[【\[(（]?\s*(?:图为|图片来源|(?:图片|图|摄影|视频)\s*[：:])"), 80),
    (re.compile(r"^[【\[(（]?\s*(?:记者|通讯员|摄影)?\s*[\u4e00-\u9fff]{2,4}\s*(?:摄|供图)\s*[)）】]?$"), 30),
    # footers and copyright
    (
        re.compile(
            r"版权所有|copyright|©|ICP备|ICP证|公网安备|网站标识码|主办单位[：:]|承办单位[：:]|"
            r"技术支持[：:]|运维单位|联系我们|网站地图|网站声明|建议使用.*浏览器|分辨率",
            re.IGNORECASE,
        ),
        160,
    ),
    (
        re.compile(r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关新闻|相关阅读|延伸阅读)\s*[：:]?"),
        80,
    ),
    # scraper leftovers: a short line of Latin words, no Chinese character, no digit ("Public domain")
    (re.compile(r"^(?=.*[A-Za-z])[^\u3400-\u9fff\d]+$"), 30),
    # page numbers of printed copies: "— 3 —", "-12-", "第 3 页 共 20 页"
    (re.compile(r"^[\s\-—–－·]*\d{1,3}[\s\-—–－·]*$"), 12),
    (re.compile(r"^第\s*\d+\s*页\s*[，,/]?\s*(?:共\s*\d+\s*页)?$"), 20),
)


def _by_limit(rules: tuple[tuple[re.Pattern[str], int], ...]) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """The rules as one alternation per length limit, longest limit first: a line matches one of
    the alternation's patterns somewhere exactly when the alternation finds a match in it."""
    limits = sorted({limit for _, limit in rules}, reverse=True)
    return tuple(
        (
            limit,
            re.compile(
                "|".join(
                    f"(?{'i' if p.flags & re.IGNORECASE else ''}:{p.pattern})"
                    for p, lim in rules
                    if lim == limit
                )
            ),
        )
        for limit in limits
    )


_BY_LIMIT = _by_limit(_RULES)
_LONGEST = _BY_LIMIT[0][0]  # a longer line is report text: no rule to try


def is_boilerplate(line: str) -> bool:
    """Whether a whole line (simplified script) is page furniture, not report text."""
    stripped = line.strip()
    if not stripped or len(stripped) > _LONGEST:
        return False
    return any(len(stripped) <= limit and rx.search(stripped) for limit, rx in _BY_LIMIT)


def boilerplate_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of boilerplate lines in ``text``, each with its line break."""
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if is_boilerplate(line):
            yield pos, end
        pos = end
