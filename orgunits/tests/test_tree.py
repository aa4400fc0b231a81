from __future__ import annotations

import datetime
from typing import Any

import pytest

from audit.log import history_for
from core.errors import ActionError, NotAllowed
from orgunits import actions
from orgunits.models import OrgUnit, SuccessionKind, UnitKind


@pytest.mark.django_db
class TestTree:
    def test_paths_make_subtrees_one_query(self, demo: Any) -> None:
        city = demo.unit("TU-DL")
        subtree = OrgUnit.objects.subtree_of(city)
        assert demo.unit("DB-phuong-1") in subtree
        assert demo.unit("UBND-DL") not in subtree
        assert [u.code for u in demo.unit("DB-phuong-1").ancestors()] == ["TU-LD", "TU-DL"]

    def test_moving_a_unit_reroots_its_subtree(self, demo: Any) -> None:
        admin = demo.user("admin")
        ubnd = demo.unit("UBND-DL")
        actions.update_unit(admin, ubnd, parent=demo.unit("TU-LD"))
        phong = demo.unit("PKT-DL")
        assert phong.path.startswith(demo.unit("TU-LD").path)
        assert phong.depth == 2
        assert history_for(ubnd).filter(action="unit.update").exists()

    def test_a_unit_cannot_move_under_itself(self, demo: Any) -> None:
        with pytest.raises(ActionError):
            actions.update_unit(
                demo.user("admin"), demo.unit("UBND-DL"), parent=demo.unit("PKT-DL")
            )

    def test_only_the_administrator_and_monitor_manage_units(self, demo: Any) -> None:
        with pytest.raises(NotAllowed):
            actions.create_unit(demo.user("reporter"), name="X", code="X", kind=UnitKind.OTHER)


@pytest.mark.django_db
class TestReorganisation:
    def test_the_city_bodies_end_on_30_june_2025(self, demo: Any) -> None:
        for code in ("TU-DL", "BTV-TU-DL", "UBND-DL", "PKT-DL", "MTTQ-DL"):
            assert demo.unit(code).valid_to == datetime.date(2025, 6, 30)
        assert demo.unit("UBND-xuan-huong").valid_from == datetime.date(2025, 7, 1)

    def test_successors_follow_chains_of_links(self, demo: Any) -> None:
        successors = demo.unit("UBND-DL").current_successors()
        assert {u.code for u in successors} == {
            "UBND-xuan-huong",
            "UBND-cam-ly",
            "UBND-lam-vien",
            "UBND-xuan-truong",
            "UBND-lang-biang",
        }
        # A later rename of a successor is followed through to the live unit.
        admin = demo.user("admin")
        renamed = actions.create_unit(
            admin,
            name="Ủy ban nhân dân phường Xuân Hương",
            code="UBND-XH-2",
            kind=UnitKind.GOVERNMENT,
        )
        actions.record_succession(
            admin,
            demo.unit("UBND-xuan-huong"),
            [renamed],
            kind=SuccessionKind.RENAME,
            effective_date=datetime.date(2026, 1, 1),
        )
        codes = {u.code for u in demo.unit("UBND-DL").current_successors()}
        assert "UBND-XH-2" in codes and "UBND-xuan-huong" not in codes

    def test_a_rename_has_exactly_one_successor(self, demo: Any) -> None:
        with pytest.raises(ActionError):
            actions.record_succession(
                demo.user("admin"),
                demo.unit("HND-DL"),
                [demo.unit("PN-DL"), demo.unit("CCB-DL")],
                kind=SuccessionKind.RENAME,
                effective_date=datetime.date(2025, 7, 1),
            )
