"""What makes a plan sentence a commitment: an action verb, and no framing."""

from __future__ import annotations

import re


def _words(block: str) -> list[str]:
    return block.split()


# Verbs of action a supervisor can check (开工, 建成 …), longest first so 新改扩建 beats 新建.
ACTIONS = sorted(
    _words(
        """
        开工 复工 建成 投产 达产 完成 启动 推进 实施 创建 新建 改造 改扩建 新改扩建 打造 培育 开展 落实
        建设 竣工 通车 投用 投运 并网 启用 上线 开通 引进 招引 举办 出台 制定 编制 组建 设立 成立 建立
        健全 完善 推动 深化 扩大 发展 促进 争创 申报 谋划 储备 整治 治理 修复 提升 加强 优化 强化 推广
        培训 发放 新增 加快 加大 落地 签约 组织 实行 执行 保障 巩固 拓展 稳定 构建 部署 清零 改革 办好
        抓好 做好 用好 守牢 筑牢 压减 降低 减少 控制 淘汰 关闭 退出 化解 处置 整合 搬迁 安置 补齐 覆盖
        提高 增加 升级 开放 引导 支持 鼓励 扶持 帮扶 招聘 吸纳 安排 解决 防范 严厉打击 打击 整改 排查
        监管 创新 探索 推行 普及 保护 修订 增强 征收 减征 免征 减免 守住 再降 兑现 发行 拨付 下达 投入
        筹措 推出
        """
    ),
    key=len,
    reverse=True,
)
# Words that only pace or colour the verb after them (加快推进 → 推进).
PACERS = frozenset(
    _words("加快 全力 大力 持续 深入 积极 着力 力争 确保 争取 扎实 切实 稳步 有序 继续 全面 加大")
)
# Adverbs that may open a clause before its verb (坚决完成, 常态化开展).
ADVERBS = re.compile(
    "^(?:"
    + "|".join(
        _words(
            """
            坚定不移 全力以赴 进一步 常态化 坚决 深入 积极 全面 大力 持续 扎实 着力 切实 稳步 有序 继续
            严格 不断 全力 努力 主动 认真 协同 分类 同步 更好 力争 确保 争取 重点 加速 优先 高标准 高质量
            """
        )
    )
    + ")+"
)
# A verb followed by one of these is a modifier in a noun phrase (发展信心, 建设进度), not an action.
NOUN_HEADS = (
    "信心|机遇|重点|质量|先机|优势|水平|理念|格局|环境|成果|动力|活力|新路|需要|要求|目标|方式|基础|空间|潜力|"
    "阶段|战略|思路|大局|任务|进度|力度|成效|能力|举措|道路|模式|需求|红利|态势|韧性|底线|短板|主线|思想|"
    "水平|规律|全过程|成本|效益|差距|问题"
)
ACTION = re.compile(f"(?:{'|'.join(ACTIONS)})(?!{NOUN_HEADS})")
CLAUSE = re.compile(r"[，,：:]")
# Sentences that frame, exhort or judge rather than commit.
FRAMING = re.compile(
    r"^(各位代表|同志们|今年是|明年是|这是|当前|目前|面对|回顾|展望|预计|做好政府工作|实践证明|事实证明|"
    r"我们深知|我们坚信|总的看|综合研判|总体看|需要指出|但也要看到|同时也要看到|让我们)"
    r"|(主要预期目标|主要目标|预期目标|主要指标|发展目标)(是|为)?$|以下.{0,4}方面|之年$|的一年$"
    r"|体现了|考虑了|(要害|关键|根本|核心)(是|在于)"
    r"|意义重大|十分重大|基本面|根本出路|源头活水|必由之路|重中之重$|是关键$|挑战$"
)

# X是Y with a nominal Y judges, it commits no one (发展是解决我国一切问题的基础和关键, 创新是第一动力);
# 是 inside a word (一是, 特别是, 但是, 是否, 实事求是) is no copula.
COPULA = re.compile(
    r"^(?P<subject>[^，,：:]{1,16}?)(?<![一二三四五六七八九十要还但就凡别其不也总即而都正更只可这于或若像求论者])是(?!否)"
)
NOMINAL_END = re.compile(r"的[^\W\d的]{1,6}$")
# …是要抓好…工作, 重点是深入研究…: a predicate that opens with a modal, or a task word's content, commits.
MODAL = re.compile(r"要|必须|需要|应当|应该")
TASK_WORD = re.compile(r"(?:重点|任务|目标|要求|办法|措施|路径|举措)$")
# 以重点突破带动整体提升: a motto that names a means and an end but no one to act.
MOTTO = re.compile(r"^以[^，,：:为]{1,10}(?:带动|促进|推动|引领|助推|倒逼)[^，,：:]{1,10}$")


def is_judgement(clause: str) -> bool:
    """Whether a clause is a motto or a copular statement "X是Y" whose Y is a noun phrase."""
    if MOTTO.match(clause):
        return True
    if (m := COPULA.match(clause)) is None or m.end() == len(clause):
        return False
    predicate = clause[m.end() :]
    if MODAL.match(predicate) or (TASK_WORD.search(m["subject"]) and _opens_with_action(predicate)):
        return False
    return bool(NOMINAL_END.search(predicate)) or ACTION.search(predicate) is None


def _opens_with_action(clause: str) -> bool:
    lead = ADVERBS.match(clause)
    return bool(lead) or ACTION.match(clause) is not None


def commitment_verb(sentence: str) -> str | None:
    """The verb a sentence commits to, or None when it commits to nothing.

    A verb opening a clause (after adverbs such as 坚决, 常态化) wins over one buried in a noun
    phrase ("围绕发展水平、项目建设等重点,加强考核" → 加强); a pacer gives way to the verb after it
    (加快推进 → 推进).
    """
    if len(sentence) < 4 or FRAMING.search(sentence):
        return None
    clauses = [c for c in CLAUSE.split(sentence) if not is_judgement(c)]
    for clause in clauses:
        lead = ADVERBS.match(clause)
        if m := ACTION.match(clause, lead.end() if lead else 0):
            return _paced(clause, m)
    for clause in clauses:
        if m := ACTION.search(clause):
            return _paced(clause, m)
    return None


def _paced(text: str, m: re.Match[str]) -> str:
    if m.group(0) in PACERS and (after := ACTION.match(text, m.end())) is not None:
        return after.group(0)
    return m.group(0)
