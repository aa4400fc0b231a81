"""S&T indicators (chỉ tiêu KH&CN): the catalogue, targets per milestone year, reported values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before
from core.models import BaseModel, ScopedQuerySet, VersionedModel
from core.text import fold
from indicators.computed import source_choices
from indicators.fields import FigureField

MILESTONE_YEARS = (2020, 2025, 2030)


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENT = "percent", _("Tỷ lệ (%)")
    BOOLEAN = "boolean", _("Có/Không")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn")
    AVERAGE = "average", _("Bình quân")
    MAXIMUM = "maximum", _("Giá trị lớn nhất")
    LATEST = "latest", _("Số liệu mới nhất (cộng các đơn vị)")
    RATIO = "ratio", _("Tỷ lệ giữa hai chỉ tiêu")


class TimeBasis(models.TextChoices):
    """How a figure behaves over time, so a period's figure is compared with a target of the
    same kind (tính chất thời gian của chỉ tiêu)."""

    FLOW = "flow", _("Số phát sinh (cộng dồn trong kỳ)")
    STOCK = "stock", _("Số hiện có (tại cuối kỳ)")
    RATIO = "ratio", _("Tỷ lệ, bình quân (tính lại cho kỳ)")


class TargetPeriod(models.TextChoices):
    """What a target covers (mục tiêu theo loại kỳ): a year, a half-year, a five-year term."""

    YEAR = "year", _("Năm")
    HALF1 = "half1", _("6 tháng đầu năm")
    HALF2 = "half2", _("6 tháng cuối năm")
    TERM = "term", _("Giai đoạn 5 năm")


class IndicatorQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The catalogue is not secret: every signed-in user may read it.
        return Q(pk__isnull=False) if not scope.is_anonymous else Q(pk__in=[])


class Indicator(VersionedModel):
    """An S&T indicator (chỉ tiêu KH&CN) with its unit of measure and roll-up rule.

    Versioned: the in-app editor of its time basis and unit kinds claims the version, so two
    officers editing one definition never silently overwrite each other."""

    code = models.CharField(_("mã chỉ tiêu"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=400)
    group = models.CharField(_("nhóm"), max_length=200, blank=True)
    measure_unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=20, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=20, choices=Aggregation.choices, default=Aggregation.SUM
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu tử số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu mẫu số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    time_basis = models.CharField(
        _("tính chất thời gian"),
        max_length=10,
        choices=TimeBasis.choices,
        default=TimeBasis.FLOW,
        help_text=_(
            "Số phát sinh được cộng dồn trong kỳ; số hiện có lấy tại cuối kỳ; tỷ lệ được "
            "tính lại cho kỳ. Chỉ so sánh với mục tiêu cùng loại kỳ."
        ),
    )
    unit_kinds = models.JSONField(
        _("áp dụng cho loại đơn vị"),
        default=list,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi loại đơn vị."),
    )
    ratio_scale = models.DecimalField(
        _("hệ số nhân của tỷ lệ"), max_digits=10, decimal_places=2, default=Decimal("100")
    )
    min_value = FigureField(_("giá trị tối thiểu"), null=True, blank=True)
    max_value = FigureField(_("giá trị tối đa"), null=True, blank=True)
    is_required = models.BooleanField(_("bắt buộc nhập trong báo cáo"), default=False)
    description = models.TextField(_("giải thích"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    # Blank: people type the figures. Otherwise the registry named here counts them
    # (indicators.computed), and forms and imports refuse typed values.
    computed_source = models.CharField(
        _("tính tự động từ"), max_length=60, blank=True, default="", choices=source_choices
    )
    search_text = models.TextField(editable=False, default="")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]
        constraints = [
            not_before(
                "min_value",
                "max_value",
                optional=["min_value", "max_value"],
                name="indicator_max_not_below_min",
                message=_("Giá trị tối đa không được nhỏ hơn giá trị tối thiểu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.code} {self.name} {self.group}")
        # The time basis follows from the roll-up rule where the rule decides it.
        if self.aggregation == Aggregation.LATEST:
            self.time_basis = TimeBasis.STOCK
        elif self.aggregation in (Aggregation.RATIO, Aggregation.AVERAGE):
            self.time_basis = TimeBasis.RATIO
        super().save(*args, **kwargs)

    @property
    def is_boolean(self) -> bool:
        """A yes/no indicator: counted (so many units have it), never summed."""
        return self.value_type == ValueType.BOOLEAN

    @property
    def is_stock(self) -> bool:
        return self.time_basis == TimeBasis.STOCK or self.aggregation == Aggregation.LATEST

    def applies_to(self, unit: Any) -> bool:
        """Is a unit of this kind asked for the indicator (a ward Party committee is not asked
        for the local budget)?"""
        return not self.unit_kinds or getattr(unit, "kind", None) in self.unit_kinds

    @property
    def is_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO

    @property
    def is_computed(self) -> bool:
        """Counted from a registry (indicators.computed), never typed."""
        return bool(self.computed_source)

    @property
    def is_entered(self) -> bool:
        """Ratios are computed from their numerator and denominator, and computed indicators
        from their registry: neither is entered."""
        return not self.is_ratio and not self.is_computed


class _UnitScopedQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return scope.units_q("unit__")


class _ValueQuerySet(_UnitScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # A read-only grant (supervision team) reads values of accepted reports and imported
        # figures, never those of a report still with its unit.
        from reporting.models import ReportStatus

        if scope.is_anonymous:
            return Q(pk__in=[])
        finished = Q(report__isnull=True) | Q(report__status=ReportStatus.ACCEPTED)
        return super()._visible_q(scope) | (scope.granted_units_q("unit__") & finished)


class IndicatorTarget(BaseModel):
    """A target (chỉ tiêu kế hoạch) of an indicator for a unit, a period kind and a year.

    ``year`` is the year the period ends: the year itself, its half, or the last year of a
    five-year term (2021–2025 → 2025)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="indicator_targets"
    )
    period = models.CharField(
        _("loại kỳ"), max_length=10, choices=TargetPeriod.choices, default=TargetPeriod.YEAR
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    value = FigureField(_("giá trị mục tiêu"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    objects = _UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục tiêu chỉ tiêu")
        verbose_name_plural = _("mục tiêu chỉ tiêu")
        ordering = ["indicator__order", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "year"], name="unique_indicator_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.get_period_display()} {self.year}: {self.value}"

    @property
    def bounds(self) -> tuple[Any, Any]:
        """The first and last day the target covers."""
        import datetime

        y = self.year
        if self.period == TargetPeriod.HALF1:
            return datetime.date(y, 1, 1), datetime.date(y, 6, 30)
        if self.period == TargetPeriod.HALF2:
            return datetime.date(y, 7, 1), datetime.date(y, 12, 31)
        if self.period == TargetPeriod.TERM:
            return datetime.date(y - 4, 1, 1), datetime.date(y, 12, 31)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)


class ValueSource(models.TextChoices):
    FORM = "form", _("Nhập trong báo cáo")
    IMPORT = "import", _("Nhập từ tệp Excel")
    DEMO = "demo", _("Dữ liệu mẫu")


class IndicatorValue(BaseModel):
    """A reported value (số liệu thực hiện) of an indicator for a unit and a period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="indicator_values"
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    value = FigureField(_("giá trị"))
    report = models.ForeignKey(
        "reporting.UnitReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicator_values",
    )
    source = models.CharField(
        _("nguồn"), max_length=20, choices=ValueSource.choices, default=ValueSource.FORM
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = _ValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        ordering = ["indicator__order", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period_start", "period_end"],
                name="unique_indicator_value",
            ),
            not_before(
                "period_start",
                "period_end",
                name="indicator_value_period_end_not_before_start",
                message=_("Ngày kết thúc kỳ phải sau ngày bắt đầu."),
            ),
        ]
        indexes = [
            # Covers the roll-up query (index-only scan): per indicator, per unit, the period
            # bounds and the value.
            models.Index(
                fields=["indicator", "unit", "period_start", "period_end", "value"],
                name="indicator_value_rollup_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start}–{self.period_end}: {self.value}"
