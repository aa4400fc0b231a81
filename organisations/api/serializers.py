from rest_framework import serializers

from core.field_groups import PublishedGroupsSerializerMixin
from organisations import actions
from organisations.models import Organisation, StFund


class OrganisationSerializer(PublishedGroupsSerializerMixin, serializers.ModelSerializer):
    # Beyond the record's owners, only its published field groups (``Organisation.FIELD_GROUPS``).
    sees_all = staticmethod(actions.sees_all)

    class Meta:
        model = Organisation
        fields = ["id", "version", *Organisation.EDITABLE_FIELDS]


class FundSerializer(serializers.ModelSerializer):
    class Meta:
        model = StFund
        fields = ["id", "version", "organisation", *StFund.EDITABLE_FIELDS]
