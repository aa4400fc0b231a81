from __future__ import annotations

from rest_framework import serializers

from indicators.fields import FigureSerializerField
from indicators.models import Indicator, IndicatorTarget, IndicatorValue


class IndicatorSerializer(serializers.ModelSerializer):
    numerator_code = serializers.CharField(source="numerator.code", default=None, read_only=True)
    denominator_code = serializers.CharField(
        source="denominator.code", default=None, read_only=True
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "group",
            "measure_unit",
            "value_type",
            "aggregation",
            "numerator",
            "numerator_code",
            "denominator",
            "denominator_code",
            "ratio_scale",
            "min_value",
            "max_value",
            "is_required",
            "is_active",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    value = FigureSerializerField()

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "unit",
            "unit_code",
            "period_start",
            "period_end",
            "value",
            "source",
            "report",
        ]


class IndicatorTargetSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    value = FigureSerializerField()

    class Meta:
        model = IndicatorTarget
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "unit",
            "unit_code",
            "period",
            "year",
            "value",
        ]
