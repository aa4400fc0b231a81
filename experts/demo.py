"""Demo experts of Đà Lạt (invented people): scientists of the university, the institutes and
enterprises, with different consents, one of whom has withdrawn consent."""

from __future__ import annotations

import datetime
from typing import Any

from experts.models import AcademicTitle, Degree, Expert, Field, Gender

A, E, M = Field.AGRICULTURE, Field.ENGINEERING, Field.MEDICAL
N, S = Field.NATURAL, Field.SOCIAL
F, MA = Gender.FEMALE, Gender.MALE
P, AP, NO = AcademicTitle.PROFESSOR, AcademicTitle.ASSOCIATE_PROFESSOR, AcademicTitle.NONE

# (name, birth year, gender, degree, title, field, affiliation key, keywords, consents)
# consents: p = profile, b = birth year/gender, c = contact, j = projects
EXPERTS = [
    (
        "Nguyễn Thị Lan Hương",
        1972,
        F,
        Degree.DOCTOR,
        AP,
        A,
        "ttkrh",
        "nuôi cấy mô, giống hoa, cúc, lan",
        "pbcj",
    ),
    ("Trần Quốc Đạt", 1965, MA, Degree.DSC, P, N, "vnchn", "đồng vị phóng xạ, chiếu xạ", "pbj"),
    (
        "Lê Minh Khoa",
        1990,
        MA,
        Degree.MASTER,
        NO,
        E,
        "iotnong",
        "IoT, cảm biến độ ẩm, nhà kính thông minh",
        "pc",
    ),
    (
        "Phạm Thu Trang",
        1995,
        F,
        Degree.BACHELOR,
        NO,
        A,
        "sinhhoc",
        "chế phẩm vi sinh, nấm đối kháng, dâu tây",
        "pbc",
    ),
    ("Hoàng Văn Sơn", 1958, MA, Degree.DOCTOR, P, A, "dhdl", "cà phê arabica, đất bazan", "p"),
    (
        "Vũ Ngọc Anh",
        1988,
        F,
        Degree.DOCTOR,
        NO,
        M,
        "duoclieu",
        "dược liệu, đương quy, chiết xuất",
        "pbcj",
    ),
    ("Đặng Hữu Phước", 1979, MA, Degree.MASTER, NO, E, "vitao", "vi tảo, quang sinh học", "pb"),
    (
        "Bùi Thanh Tâm",
        1983,
        F,
        Degree.DOCTOR,
        AP,
        S,
        "dhdl",
        "kinh tế nông nghiệp, chuỗi giá trị",
        "p",
    ),
    ("Ngô Đức Thịnh", 1998, MA, Degree.BACHELOR, NO, E, "phanmem", "phần mềm, dữ liệu lớn", "pc"),
    ("Trịnh Mai Phương", 1969, F, Degree.MASTER, NO, A, "atiso", "atisô, sấy lạnh, chế biến", ""),
    ("Lý Hoàng Nam", 1993, MA, Degree.DOCTOR, NO, N, "dhdl", "vật liệu nano, xúc tác", "pbj"),
    ("Đỗ Thị Hạnh", 1961, F, Degree.DSC, P, A, "ttkrh", "khoai tây, giống sạch bệnh", "pb"),
]
WITHDRAWN = "Trịnh Mai Phương"


def load(context: dict[str, Any]) -> None:
    orgs = context["organisations"]
    city = context["units"]["UBND-DL"]
    for name, born, gender, degree, title, field, org, keywords, consents in EXPERTS:
        consented = bool(consents)
        Expert.objects.create(
            full_name=name, birth_year=born, gender=gender, degree=degree, academic_title=title,
            field=field, affiliation=orgs.get(org), keywords=keywords, owner_unit=city,
            email=f"{org}.{born}@example.vn", phone="0263 3" + str(born)[-3:] + " 000",
            consent_on=datetime.date(2024, 3, 1) if consented else None,
            consent_profile="p" in consents, consent_personal="b" in consents,
            consent_contact="c" in consents, consent_projects="j" in consents,
            is_published=consented,
        )  # fmt: skip
    # Someone who withdrew consent: anonymised, still counted by degree and age band.
    expert = Expert.objects.get(full_name=WITHDRAWN)
    expert.full_name = f"Chuyên gia ẩn danh {str(expert.pk)[:8]}"
    expert.email = expert.phone = expert.keywords = ""
    expert.affiliation = None
    expert.gender = Gender.UNSPECIFIED
    expert.consent_withdrawn_on = datetime.date(2025, 2, 1)
    expert.is_anonymised, expert.is_published = True, False
    expert.save()
