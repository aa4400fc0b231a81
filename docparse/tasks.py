"""Tasks assigned in the body of a plan: who leads, who cooperates, by when, how often.

A plan (kế hoạch, chương trình, nghị quyết ...) assigns its work in the items under a task root
heading ("NHIỆM VỤ", "GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG ..."). Each leaf item there is a
task; its lead unit (đơn vị chủ trì) is the subject named before "chủ trì" / "có trách nhiệm" or
the unit that opens the item ("Sở Tài chính: ..."), otherwise the unit named by an enclosing item
("1. Bộ Kế hoạch và Đầu tư:" over its a), b) ...) or by a "Giao X ..." sentence introducing the
list; cooperating units (đơn vị phối hợp) follow "phối hợp với". Deadlines ("trước ngày
30/6/2026", "Quý III/2026", "trong năm 2026") and frequencies ("hằng năm", "định kỳ") are read
from the text. Plans that assign work in a table are read by ``tables``, which shares the
deadline and frequency readers defined here.
"""

from __future__ import annotations

import re

from .model import Section, Task
from .text import collapse_ws, fold, iso_date
from .units import looks_like_unit, split_units

_TASK_ROOT_RE = re.compile(
    r"nhiem vu|giai phap|to chuc thuc hien|phan cong|trach nhiem|cac hoat dong|noi dung thuc hien|"
    r"nhiem vu trong tam|de xuat|kien nghi"
)
_VERB_STOP_RE = re.compile(
    r"(?<!Ban )(?<!ban )\b(?:chủ trì|chịu trách nhiệm|có trách nhiệm|là cơ quan|phối hợp|chỉ đạo|"
    r"(?<!các )(?<!Các )(?<!quan, )tổ chức(?! chính trị| cơ sở| xã hội| đoàn thể| hội| đảng)"
    r"|triển khai"
    r"|xây dựng|thực hiện|hướng dẫn|"
    r"tham mưu|rà soát|theo dõi|tuyên truyền|đôn đốc|nghiên cứu|đề xuất|tiến hành|tổng hợp"
    r"|báo cáo|đánh giá|"
    r"trình|ban hành|phổ biến|quán triệt|xử lý|giám sát|bảo đảm|đảm bảo|tăng cường|đẩy mạnh"
    r"|hoàn thành|"
    r"căn cứ|thẩm định|phê duyệt|tiếp tục|khẩn trương|chủ động|thường xuyên|định kỳ|kịp thời|cần"
    r"|phải|"
    r"lập|cấp(?! xã| tỉnh| huyện| thành phố| ủy| uỷ| trên| dưới| cơ sở| có thẩm quyền| trung ương"
    r"| quận| phường| bộ)|bố trí|quan tâm|nắm|ưu tiên|huy động|kiểm tra"
    r"|thanh tra(?= việc| các| định)|giúp|hỗ trợ|"
    r"nâng cao|vận động|bổ sung|cụ thể hóa|kiện toàn|sửa đổi|ký|rà|để|nhằm|trong(?! và ngoài"
    r"| nước| tỉnh| ngành)|về việc|"
    r"tập trung|phát động|cung cấp|thông tin|công bố|đăng|tiếp nhận|quản lý)\b"
)
_COOP_RE = re.compile(r"[pP]hối hợp(?:\s+(?:chặt chẽ\s+)?(?:với|cùng))?\s+")
_LEAD_PREFIX_RE = re.compile(
    r"^(?:Đề nghị|Giao|Yêu cầu|Giao cho|Đề nghị các|Hằng năm,|Hàng năm,|Định kỳ,)\s+", re.IGNORECASE
)


def _units_before_stop(s: str) -> list[str]:
    s = s.strip()
    if not s:
        return []
    m = _VERB_STOP_RE.search(s[0].lower() + s[1:])
    if m and m.start() == 0:
        return []  # the item starts with a verb: no subject
    subj = s[: m.start()] if m else ""
    subj = subj.strip(" ,;:")
    if not subj or len(subj) > 300 or not looks_like_unit(subj):
        return []
    return split_units(subj)


def _subject_units(before: str) -> list[str]:
    """Units named before "chủ trì"/"có trách nhiệm": the clause after the last verb, else the
    text before the first verb ("Trên cơ sở ..., căn cứ chức năng, Bộ trưởng, ... có trách
    nhiệm")."""
    if not before:
        return []
    stops = list(_VERB_STOP_RE.finditer(before))
    if not stops:
        if looks_like_unit(before):
            return split_units(before)
        return _clause_subject(before, whole=True)
    after = before[stops[-1].end() :].strip(" ,;:")
    units = split_units(after) if after else []
    if units:
        return units
    return _units_before_stop(before + " x")


_CLAUSE_RE = re.compile(r"[,:]\s+")
# adverbial openers after which the subject comes later in the sentence
_OPENER_RE = re.compile(
    r"^(?:Trong (?:quá trình|thời gian|năm|trường hợp)|Khi |Nếu |Sau khi|Trước khi|Trên cơ sở"
    r"|Căn cứ|Hằng năm|Hàng năm|Định kỳ|Hằng quý|Hằng tháng)"
)


def _clause_subject(s: str, whole: bool = False) -> list[str]:
    """The subject when it is not at the start of the sentence: "Trong quá trình thực hiện,
    nếu có vướng mắc, các cơ quan, đơn vị báo cáo ..." → "các cơ quan, đơn vị"; "Tuyên truyền:
    VTV, VOV, TTXVN chủ trì" → VTV, VOV, TTXVN. Only within the first sentence."""
    first = re.split(r"(?<=[.;])\s", s[:400], maxsplit=1)[0]
    for m in _CLAUSE_RE.finditer(first):
        rest = first[m.end() :]
        if looks_like_unit(rest):
            # ``whole``: ``s`` is the text before "chủ trì", so the clause is all subject
            units = split_units(rest) if whole else _units_before_stop(rest)
            if units:
                return units
    return []


def _task_units(heading: str, text: str) -> tuple[list[str], list[str]]:
    body = collapse_ws(text)
    body_nolead = _LEAD_PREFIX_RE.sub("", body)
    lead: list[str] = []
    coop: list[str] = []
    heading_is_unit = (
        bool(heading)
        and len(heading) < 150
        and looks_like_unit(_LEAD_PREFIX_RE.sub("", heading))
        and not _VERB_STOP_RE.search(heading)
    )
    if heading_is_unit:
        lead = split_units(_LEAD_PREFIX_RE.sub("", heading))
    else:
        m = re.search(r"\b(?:chủ trì|chịu trách nhiệm|có trách nhiệm)\b", body_nolead)
        if m and m.start() < 400:
            before = body_nolead[: m.start()].strip(" ,;:")
            before = re.sub(r"\s*(?:là cơ quan|làm)$", "", before)
            lead = _subject_units(before)
        if not lead:
            lead = _units_before_stop(body_nolead)
        if not lead and _OPENER_RE.match(body_nolead):
            lead = _clause_subject(body_nolead)
    for cm in _COOP_RE.finditer(body_nolead[:8000]):
        rest = body_nolead[cm.end() : cm.end() + 400]
        stop = _VERB_STOP_RE.search(rest)
        seg = rest[: stop.start()] if stop else rest[:200]
        seg = re.split(r"[.:;(]", seg)[0]
        for u in split_units(seg):
            if u not in coop and u not in lead:
                coop.append(u)
    return lead, coop


_FREQ = [
    (re.compile(r"\b(?:hằng|hàng)\s+năm\b|\bmỗi năm\b", re.IGNORECASE), "yearly"),
    (re.compile(r"\b(?:hằng|hàng)\s+quý\b|\bmỗi quý\b", re.IGNORECASE), "quarterly"),
    (re.compile(r"\b6\s+tháng\b|\bsáu tháng\b", re.IGNORECASE), "half-yearly"),
    (re.compile(r"\b(?:hằng|hàng)\s+tháng\b", re.IGNORECASE), "monthly"),
    (re.compile(r"\bđịnh kỳ\b", re.IGNORECASE), "periodic"),
    (re.compile(r"\bthường xuyên\b", re.IGNORECASE), "continuous"),
]


def frequency_of(text: str) -> str | None:
    """Frequency code ("yearly", "quarterly", ...) of a recurring task, else ``None``."""
    for pat, code in _FREQ:
        if pat.search(text):
            return code
    return None


_DEADLINE_RES = [
    re.compile(
        r"(?:trước|chậm nhất|hạn chót"
        r"|hoàn thành trong)\s+(?:ngày\s+)?(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})"
    ),
    re.compile(r"(?:trước|chậm nhất)\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"),
]


def deadline_of(text: str, column: bool = False) -> str | None:
    """Deadline as an ISO date, "dd/mm", "Quý II/2026" or a year; ``column`` is the text of a
    table's time column, where a bare year, a year range or "hằng năm" counts too."""
    t = collapse_ws(text)
    for rx in _DEADLINE_RES:
        m = rx.search(t)
        if m:
            return iso_date(m.group(1), m.group(2), m.group(3))
    m = re.search(r"(?:trước|chậm nhất)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\b", t)
    if m:
        return f"{int(m.group(1)):02d}/{int(m.group(2)):02d}"
    m = re.search(r"\b(Quý\s+[IV]{1,3}(?:\s*,\s*[IV]{1,3})*\s*(?:/|năm)\s*\d{4})", t, re.IGNORECASE)
    if m:
        q = collapse_ws(m.group(1)).replace(" năm ", "/")
        return "Quý" + q[3:].upper()
    m = re.search(r"(?:đến|trước|trong)\s+năm\s+(\d{4})", t)
    if m:
        return m.group(1)
    if column:
        m = re.search(r"\b(\d{4})\s*[-–]\s*(\d{4})\b", t)
        if m:
            return f"{m.group(1)}-{m.group(2)}"
        m = re.search(r"\b(?:năm\s+)?(\d{4})\b", t)
        if m:
            return m.group(1)
        if re.search(r"\b(?:hằng|hàng)\s+năm\b", t, re.IGNORECASE):
            return "Hằng năm"
    return None


def _own_units(sec: Section) -> tuple[list[str], list[str]]:
    return _task_units(sec.heading, collapse_ws(sec.text))


def extract_tasks(sections: list[Section]) -> list[Task]:
    """Tasks are the leaf items below a task root ("NHIỆM VỤ", "GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN").

    A leaf without its own lead inherits the lead of its nearest ancestor item
    whose heading names a unit (e.g. "1. Bộ Kế hoạch và Đầu tư:" -> a), b) ...)
    or of a "Giao X ...:" sentence introducing the list.
    """
    tasks: list[Task] = []

    def emit(sec: Section, inherited: list[str]) -> None:
        if sec.children:
            lead, _coop = _own_units(sec) if sec.rank > 2 else ([], [])
            if sec.rank <= 2:
                intro = collapse_ws(
                    sec.text[len(sec.heading) :] if sec.text.startswith(sec.heading) else sec.text
                )
                if re.match(r"^(?:Giao|Giao cho)\s", intro):
                    lead = _task_units("", intro)[0]
            for c in sec.children:
                emit(c, lead or inherited)
            return
        text = collapse_ws(sec.text)
        lead, coop = _own_units(sec)
        if not lead:
            lead = list(inherited)
        tasks.append(
            Task(
                path=sec.path,
                text=text[:1000],
                lead=lead,
                cooperating=coop,
                deadline=deadline_of(text),
                frequency=frequency_of(text),
            )
        )

    def walk(secs: list[Section]) -> None:
        for s in secs:
            if s.rank <= 2 and _TASK_ROOT_RE.search(fold(s.heading)) and s.children:
                emit(s, [])
            else:
                walk(s.children)

    walk(sections)
    return tasks
