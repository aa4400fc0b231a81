from rest_framework import serializers

from cooperation.models import Agreement


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "version", *Agreement.EDITABLE_FIELDS, "partners", "projects"]
