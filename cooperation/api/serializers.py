from rest_framework import serializers

from cooperation import actions
from cooperation.models import Agreement
from core.field_groups import PublishedGroupsSerializerMixin


class AgreementSerializer(PublishedGroupsSerializerMixin, serializers.ModelSerializer):
    # Beyond the record's owners, only its published field groups (``Agreement.FIELD_GROUPS``).
    sees_all = staticmethod(actions.sees_all)

    class Meta:
        model = Agreement
        fields = ["id", "version", *Agreement.EDITABLE_FIELDS, "partners", "projects"]
